/** The article's title (when its text has no heading for it), source, byline and dates above the text, as corrected; "Edit details…" corrects them. */
import { useState } from 'react';
import type { ArticleRecord, Snapshot } from '../../../core/model';
import { effectiveMeta } from '../../../core/model';
import { useMessages } from '../../i18n';
import { describeSource, formatDate } from '../../ui/format';
import { MetadataDialog } from '../archive/MetadataDialog';
import '../archive/archive.css';
import { titleBlockIndex } from './Article';
import { readerMessages } from './messages';

export function ReaderHeader({ snapshot, text, record }: { snapshot: Snapshot; text: string; record: ArticleRecord | null }) {
  const m = useMessages(readerMessages);
  const [editing, setEditing] = useState(false);
  const meta = effectiveMeta(snapshot, record);
  // The article's own heading is the title when it has one (unless the title was corrected); otherwise show the stored title.
  const hasHeading = record?.meta.title === undefined && titleBlockIndex(text, snapshot.blocks, snapshot.title) >= 0;
  const source = describeSource({ ...snapshot, siteName: meta.siteName, sourceUrl: meta.sourceUrl });
  const byline = meta.authors.join(', ');
  return (
    <header className="reader-header">
      {hasHeading ? null : <h1 className="reader-title">{meta.title || m.untitled}</h1>}
      <p className="reader-meta">
        <span title={meta.sourceUrl ?? snapshot.sourceFile ?? undefined}>{source}</span>
        {byline ? <span>{byline}</span> : null}
        {meta.publishedAt ? <span>{m.published(formatDate(meta.publishedAt))}</span> : null}
        <span>
          {m.captured} <time dateTime={snapshot.capturedAt}>{formatDate(snapshot.capturedAt, true)}</time>
        </span>
        <span>{m.words(snapshot.wordCount)}</span>
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          {m.editDetails}
        </button>
      </p>
      {editing ? <MetadataDialog snapshotId={snapshot.id} onClose={() => setEditing(false)} /> : null}
    </header>
  );
}
