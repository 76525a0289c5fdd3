/** The library: every captured article with its source, capture date and annotation counts. */
import { useMemo, useRef, useState } from 'react';
import { hrefFor } from '../../app/route';
import { useStore } from '../../app/store';
import { ConflictBanner } from '../bundles/ConflictBanner';
import { useBundleDialogs } from '../bundles/useBundleDialogs';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { CaptureUrlDialog } from '../capture/CaptureUrlDialog';
import { ImportResults } from './ImportResults';
import { importFileList, importing } from './importFiles';
import { latestVersions, type Row } from './latestVersions';
import { PasteDialog } from './PasteDialog';
import { TaskProgress } from './TaskProgress';
import { useSnapshots } from './useSnapshots';
import './library.css';

const ACCEPT = '.html,.htm,.xhtml,.shtml,.mhtml,.mht,.txt,.md,.text,.markdown,text/html,multipart/related,text/plain,text/markdown';

export function LibraryView() {
  const { snapshots, loaded } = useSnapshots();
  const busy = useStore(importing);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<'paste' | 'url' | null>(null);
  // Export, import preview, conflicts: the same dialogs the File menu opens (BundleCommands).
  const bundles = useBundleDialogs();
  // Newest capture first: what was just imported is what the user looks for.
  const rows = useMemo(() => latestVersions(snapshots).sort((a, b) => b.capturedAt.localeCompare(a.capturedAt)), [snapshots]);

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
          <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={busy}>
            Import folder…
          </button>
          <button type="button" className="button" onClick={() => setDialog('url')}>
            Capture URL…
          </button>
          <button type="button" className="button" onClick={() => setDialog('paste')}>
            Paste text…
          </button>
        </div>
        <div className="toolbar-group" role="group" aria-label="Bundles">
          <button type="button" className="button" onClick={() => void bundles.importBundle()}>
            Import bundle…
          </button>
          <button type="button" className="button" onClick={() => void bundles.importExchange()} title="W3C Web Annotations (JSON-LD), Hypothesis, REFI-QDA (.qdpx)">
            Import from other tools…
          </button>
          <button type="button" className="button" onClick={bundles.openExport} disabled={snapshots.length === 0}>
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
        <input
          ref={(el) => {
            folderInput.current = el;
            // Not a React prop: the folder picker is switched on by the DOM attribute.
            el?.setAttribute('webkitdirectory', '');
          }}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-label="Choose a folder of articles to import"
          data-testid="import-folder-input"
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            input.value = '';
            void importFileList(files);
          }}
        />
      </div>
      {busy ? <TaskProgress task="import" /> : null}
      <ImportResults />
      <ConflictBanner onReview={bundles.openConflicts} />
      {loaded && rows.length === 0 ? (
        <EmptyLibrary onImport={() => fileInput.current?.click()} onPaste={() => setDialog('paste')} onBundle={() => void bundles.importBundle()} />
      ) : null}
      {rows.length > 0 ? <SnapshotTable rows={rows} /> : null}
      {dialog === 'paste' ? <PasteDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'url' ? <CaptureUrlDialog onClose={() => setDialog(null)} /> : null}
      {bundles.element}
    </section>
  );
}

function SnapshotTable({ rows }: { rows: Row[] }) {
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
                {s.versions > 1 ? (
                  <span className="version-badge" title={`${s.versions} captures of this article; this is the newest`}>
                    {s.versions} versions
                  </span>
                ) : null}
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

function EmptyLibrary({ onImport, onPaste, onBundle }: { onImport(): void; onPaste(): void; onBundle(): void }) {
  return (
    <div className="empty-state">
      <h2>Your library is empty</h2>
      <p>Glossa keeps a permanent copy of every article you capture, so your quotes, claims and figures always point at the exact words.</p>
      <ul>
        <li>
          <button type="button" className="link-button" onClick={onImport}>
            Import files
          </button>{' '}
          — web pages saved from a browser (.html with its _files folder, .mhtml) or text (.txt, .md).
        </li>
        <li>Drop files, folders or links anywhere on this window.</li>
        <li>
          <button type="button" className="link-button" onClick={onPaste}>
            Paste text
          </button>{' '}
          copied from a web page or an e-mail.
        </li>
        <li>
          <button type="button" className="link-button" onClick={onBundle}>
            Import a .glossa bundle
          </button>{' '}
          a colleague shared with you.
        </li>
      </ul>
      <p className="empty-note">Everything stays on this computer.</p>
    </div>
  );
}
