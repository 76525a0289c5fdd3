/** The library: every captured article with its source, capture date and annotation counts. */
import { useMemo, useRef, useState } from 'react';
import type { SnapshotSummary } from '../../../core/model';
import { hrefFor } from '../../app/route';
import { useStore } from '../../app/store';
import { ExportDialog } from '../bundles/ExportDialog';
import { importBundleThroughDialog } from '../bundles/importBundle';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { ImportResults } from './ImportResults';
import { importFileList, importing } from './importFiles';
import { PasteDialog } from './PasteDialog';
import { useSnapshots } from './useSnapshots';
import './library.css';

const ACCEPT = '.txt,.md,.text,text/plain,text/markdown';

export function LibraryView() {
  const { snapshots, loaded } = useSnapshots();
  const busy = useStore(importing);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<'paste' | 'export' | null>(null);
  // Newest capture first: what was just imported is what the user looks for.
  const rows = useMemo(() => [...snapshots].sort((a, b) => b.capturedAt.localeCompare(a.capturedAt)), [snapshots]);

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="view-toolbar">
        <h1 id="library-title" className="view-title">
          Library
          {loaded ? <span className="view-count">{formatNumber(snapshots.length)}</span> : null}
        </h1>
        <div className="toolbar-group" role="group" aria-label="Add to library">
          <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()} disabled={busy}>
            Import files…
          </button>
          <button type="button" className="button" onClick={() => setDialog('paste')}>
            Paste text…
          </button>
        </div>
        <div className="toolbar-group" role="group" aria-label="Bundles">
          <button type="button" className="button" onClick={() => void importBundleThroughDialog()}>
            Import bundle…
          </button>
          <button type="button" className="button" onClick={() => setDialog('export')} disabled={snapshots.length === 0}>
            Export…
          </button>
        </div>
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          tabIndex={-1}
          aria-label="Choose article files to import"
          data-testid="import-file-input"
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            // Reset so choosing the same file again still fires a change.
            input.value = '';
            void importFileList(files);
          }}
        />
      </div>
      <ImportResults />
      {loaded && rows.length === 0 ? <EmptyLibrary onImport={() => fileInput.current?.click()} onPaste={() => setDialog('paste')} /> : null}
      {rows.length > 0 ? <SnapshotTable rows={rows} /> : null}
      {dialog === 'paste' ? <PasteDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportDialog snapshots={rows} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}

function SnapshotTable({ rows }: { rows: SnapshotSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="snapshot-table">
        <caption className="visually-hidden">Snapshots in this library, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-title">
              Title
            </th>
            <th scope="col">Source</th>
            <th scope="col">Captured</th>
            <th scope="col" className="num">
              Words
            </th>
            <th scope="col" className="num">
              Quotes
            </th>
            <th scope="col" className="num">
              Claims
            </th>
            <th scope="col" className="num">
              Figures
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td className="col-title">
                <a href={hrefFor({ view: 'reader', snapshotId: s.id })} className="snapshot-link">
                  {s.title || 'Untitled'}
                </a>
              </td>
              <td className="col-source" title={s.sourceUrl ?? s.sourceFile ?? undefined}>
                {describeSource(s)}
              </td>
              <td className="col-date">
                <time dateTime={s.capturedAt}>{formatDate(s.capturedAt)}</time>
              </td>
              <td className="num">{formatNumber(s.wordCount)}</td>
              <Count n={s.counts.quote} kind="quote" />
              <Count n={s.counts.claim} kind="claim" />
              <Count n={s.counts.figure} kind="figure" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Count({ n, kind }: { n: number; kind: string }) {
  return <td className={n > 0 ? `num count count-${kind}` : 'num count count-zero'}>{formatNumber(n)}</td>;
}

function EmptyLibrary({ onImport, onPaste }: { onImport(): void; onPaste(): void }) {
  return (
    <div className="empty-state">
      <h2>Your library is empty</h2>
      <p>Glossa keeps a permanent copy of every article you capture, so your quotes, claims and figures always point at the exact words.</p>
      <ul>
        <li>
          <button type="button" className="link-button" onClick={onImport}>
            Import files
          </button>{' '}
          — plain text (.txt) or Markdown (.md) articles. The first line becomes the title.
        </li>
        <li>Drop files anywhere on this window.</li>
        <li>
          <button type="button" className="link-button" onClick={onPaste}>
            Paste text
          </button>{' '}
          copied from a web page or an e-mail.
        </li>
        <li>
          <button type="button" className="link-button" onClick={() => void importBundleThroughDialog()}>
            Import a .glossa bundle
          </button>{' '}
          a colleague shared with you.
        </li>
      </ul>
      <p className="empty-note">Everything stays on this computer.</p>
    </div>
  );
}
