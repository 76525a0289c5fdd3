/** What an import would do (or did), as a table of counts and the notes a person should read. */
import type { BundlePreview } from '../../../core/bundle';
import { useMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { bundlesMessages } from './messages';

const cell = (n: number | null) => <td className="num">{n === null ? '—' : formatNumber(n)}</td>;

export function PreviewTable({ preview, done }: { preview: BundlePreview; done: boolean }) {
  const m = useMessages(bundlesMessages);
  const s = preview.snapshots;
  const a = preview.annotations;
  return (
    <table className="preview-table">
      <caption className="visually-hidden">{m.tableCaption(done)}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{m.colAdded}</th>
          <th scope="col">{m.colUpdated}</th>
          <th scope="col">{m.colSkipped}</th>
          <th scope="col">{m.colConflicting}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{m.rowSnapshots}</th>
          {cell(s.added.length)}
          {cell(s.matched.length)}
          {cell(s.skipped.length)}
          {cell(null)}
        </tr>
        <tr>
          <th scope="row">{m.rowAnnotations}</th>
          {cell(a.added + a.addedDeleted)}
          {cell(a.updated + a.deleted)}
          {cell(a.skipped)}
          <td className={a.conflicts.length ? 'num has-conflicts' : 'num'}>{formatNumber(a.conflicts.length)}</td>
        </tr>
        <tr>
          <th scope="row">{m.rowTagsTable}</th>
          {cell(preview.codebook.added.length)}
          {cell(preview.codebook.updated.length)}
          {cell(null)}
          {cell(null)}
        </tr>
        <tr>
          <th scope="row">{m.rowSpeakers}</th>
          {cell(preview.speakers.added.length)}
          {cell(preview.speakers.updated.length)}
          {cell(null)}
          {cell(null)}
        </tr>
      </tbody>
    </table>
  );
}

export function PreviewNotes({ preview }: { preview: BundlePreview }) {
  const m = useMessages(bundlesMessages);
  const s = preview.snapshots;
  const a = preview.annotations;
  const notes = [
    s.matched.length ? m.noteMatched(s.matched.length) : null,
    s.skipped.length ? m.noteSkipped(s.skipped.length) : null,
    a.deleted ? m.noteDeleted(a.deleted) : null,
    a.addedDeleted ? m.noteAddedDeleted(a.addedDeleted) : null,
    a.conflicts.length ? m.noteConflicts(a.conflicts.length) : null,
    preview.bodies.omitted ? m.noteOmitted(preview.bodies.omitted) : null,
    ...preview.codebook.notes,
    ...preview.speakers.notes,
  ].filter((n): n is string => Boolean(n));
  if (!notes.length) return null;
  return (
    <ul className="preview-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
