/** Plain-language summaries of bundle reports for the dialogs and the message bar. */
import type { BundleImportReport, BundlePreview } from '../../../core/bundle';
import { plural } from '../../ui/format';
import { errorCode } from '../../glossa';

export function describeExport(report: { snapshots: number; annotations: number; tombstones?: number }): string {
  const parts = [plural(report.snapshots, 'snapshot'), plural(report.annotations, 'annotation')];
  if (report.tombstones) parts.push(`${plural(report.tombstones, 'deletion')} carried along`);
  return parts.join(', ');
}

export function describeImport(report: BundleImportReport | BundlePreview): string {
  if (!report.changed) return 'nothing new — this library already holds everything in it';
  const s = report.snapshots;
  const a = report.annotations;
  const parts: string[] = [];
  if (s.added.length) parts.push(`${plural(s.added.length, 'snapshot')} added`);
  if (s.matched.length) parts.push(`${plural(s.matched.length, 'snapshot')} matched to articles already here`);
  if (s.skipped.length) parts.push(`${plural(s.skipped.length, 'snapshot')} already here`);
  if (a.added) parts.push(`${plural(a.added, 'annotation')} added`);
  if (a.updated) parts.push(`${plural(a.updated, 'annotation')} updated`);
  if (a.deleted) parts.push(`${plural(a.deleted, 'annotation')} deleted`);
  if (a.skipped) parts.push(`${plural(a.skipped, 'annotation')} unchanged`);
  if (a.conflicts.length) parts.push(`${plural(a.conflicts.length, 'conflict')} kept side by side`);
  return parts.join(', ');
}

/** Why a bundle cannot be imported: its first problem, how many more, and that nothing changed. */
export function describeProblems(preview: BundlePreview): string {
  const [first, ...rest] = preview.problems;
  const more = rest.length ? ` ${plural(rest.length, 'more problem')}: run “glossa verify” on the file to list them all.` : '';
  return `${first?.message ?? 'The bundle cannot be imported.'}${more} The bundle was not imported; nothing in your library changed.`;
}

/** Whether a failed call was a cancelled task (the client keeps each error's code). */
export function isCancelled(error: unknown): boolean {
  return errorCode(error) === 'CANCELLED';
}

export const messageOf = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : String(error);
};
