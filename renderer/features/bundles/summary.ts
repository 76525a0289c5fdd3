/** Plain-language summaries of bundle reports for the dialogs and the message bar. */
import type { BundleImportReport, BundlePreview } from '../../../core/bundle';
import { errorCode } from '../../glossa';
import { messagesNow } from '../../i18n';
import { bundlesMessages } from './messages';

export function describeExport(report: { snapshots: number; annotations: number; tombstones?: number }): string {
  const m = messagesNow(bundlesMessages);
  const parts = [m.snapshots(report.snapshots), m.annotations(report.annotations)];
  if (report.tombstones) parts.push(m.deletionsCarried(report.tombstones));
  return parts.join(', ');
}

export function describeImport(report: BundleImportReport | BundlePreview): string {
  const m = messagesNow(bundlesMessages);
  if (!report.changed) return m.nothingNew;
  const s = report.snapshots;
  const a = report.annotations;
  const parts: string[] = [];
  if (s.added.length) parts.push(m.snapshotsAdded(s.added.length));
  if (s.matched.length) parts.push(m.snapshotsMatched(s.matched.length));
  if (s.skipped.length) parts.push(m.snapshotsAlreadyHere(s.skipped.length));
  if (a.added) parts.push(m.annotationsAdded(a.added));
  if (a.updated) parts.push(m.annotationsUpdated(a.updated));
  if (a.deleted) parts.push(m.annotationsDeleted(a.deleted));
  if (a.skipped) parts.push(m.annotationsUnchanged(a.skipped));
  if (a.conflicts.length) parts.push(m.conflictsKept(a.conflicts.length));
  return parts.join(', ');
}

/** Why a bundle cannot be imported: its first problem (core's words), how many more, and that nothing changed. */
export function describeProblems(preview: BundlePreview): string {
  const m = messagesNow(bundlesMessages);
  const [first, ...rest] = preview.problems;
  const more = rest.length ? m.moreProblems(rest.length) : '';
  return `${first?.message ?? m.cannotBeImported}${more}${m.notImported}`;
}

/** Whether a failed call was a cancelled task (the client keeps each error's code). */
export function isCancelled(error: unknown): boolean {
  return errorCode(error) === 'CANCELLED';
}

export const messageOf = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : String(error);
};
