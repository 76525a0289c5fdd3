/** Plain-language summaries of bundle reports for the export dialog and the message bar. */
import type { BundleImportReport, ExportReport } from '../../../core/bundle';
import { plural } from '../../ui/format';

export function describeExport(report: ExportReport): string {
  const parts = [plural(report.snapshots, 'snapshot'), plural(report.annotations, 'annotation')];
  if (report.tombstones > 0) parts.push(`${plural(report.tombstones, 'deletion')} carried along`);
  return parts.join(', ');
}

export function describeImport(report: BundleImportReport): string {
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
  if (a.conflicts.length) parts.push(`${plural(a.conflicts.length, 'conflict')} kept as in this library`);
  return parts.join(', ');
}
