/** What an import would do (or did), as a table of counts and the notes a person should read. */
import type { BundlePreview } from '../../../core/bundle';
import { formatNumber, plural } from '../../ui/format';

const cell = (n: number | null) => <td className="num">{n === null ? '—' : formatNumber(n)}</td>;

export function PreviewTable({ preview, done }: { preview: BundlePreview; done: boolean }) {
  const s = preview.snapshots;
  const a = preview.annotations;
  return (
    <table className="preview-table">
      <caption className="visually-hidden">{done ? 'What the import did' : 'What the import would do'}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Added</th>
          <th scope="col">Updated</th>
          <th scope="col">Skipped</th>
          <th scope="col">Conflicting</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Snapshots</th>
          {cell(s.added.length)}
          {cell(s.matched.length)}
          {cell(s.skipped.length)}
          {cell(null)}
        </tr>
        <tr>
          <th scope="row">Annotations</th>
          {cell(a.added + a.addedDeleted)}
          {cell(a.updated + a.deleted)}
          {cell(a.skipped)}
          <td className={a.conflicts.length ? 'num has-conflicts' : 'num'}>{formatNumber(a.conflicts.length)}</td>
        </tr>
        <tr>
          <th scope="row">Tags</th>
          {cell(preview.codebook.added.length)}
          {cell(preview.codebook.updated.length)}
          {cell(null)}
          {cell(null)}
        </tr>
        <tr>
          <th scope="row">Speakers</th>
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
  const s = preview.snapshots;
  const a = preview.annotations;
  const notes = [
    s.matched.length
      ? `${plural(s.matched.length, 'article is', 'articles are')} already here under another id: the bundle’s annotations go onto ${s.matched.length === 1 ? 'it' : 'them'} (counted as updated).`
      : null,
    s.skipped.length ? `${plural(s.skipped.length, 'snapshot is', 'snapshots are')} already here: only their annotations are merged.` : null,
    a.deleted ? `${plural(a.deleted, 'annotation')} deleted in the bundle will move to the trash here.` : null,
    a.addedDeleted ? `${plural(a.addedDeleted, 'deleted annotation')} arrive as deletions (kept so the deletion keeps travelling).` : null,
    a.conflicts.length
      ? `${plural(a.conflicts.length, 'annotation was', 'annotations were')} changed both here and in the bundle: the newer version shows, the other is kept beside it until you choose — nothing is overwritten.`
      : null,
    preview.bodies.omitted ? `${plural(preview.bodies.omitted, 'original page or image', 'original pages or images')} left out of the bundle.` : null,
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
