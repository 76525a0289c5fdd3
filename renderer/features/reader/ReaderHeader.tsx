/** The article's title (when its text has no heading for it), source, byline and dates above the text. */
import type { Snapshot } from '../../../core/model';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { titleBlockIndex } from './Article';

export function ReaderHeader({ snapshot, text }: { snapshot: Snapshot; text: string }) {
  // The article's own heading is the title when it has one; otherwise show the stored title.
  const hasHeading = titleBlockIndex(text, snapshot.blocks, snapshot.title) >= 0;
  const source = describeSource(snapshot);
  return (
    <header className="reader-header">
      {hasHeading ? null : <h1 className="reader-title">{snapshot.title || 'Untitled'}</h1>}
      <p className="reader-meta">
        <span title={snapshot.sourceUrl ?? snapshot.sourceFile ?? undefined}>{source}</span>
        {snapshot.byline ? <span>{snapshot.byline}</span> : null}
        {snapshot.publishedAt ? <span>Published {formatDate(snapshot.publishedAt)}</span> : null}
        <span>
          Captured <time dateTime={snapshot.capturedAt}>{formatDate(snapshot.capturedAt, true)}</time>
        </span>
        <span>{formatNumber(snapshot.wordCount)} words</span>
      </p>
    </header>
  );
}
