/** The shell: top bar (navigation, undo/redo), messages, the current view, drop target, status line. */
import { useEffect } from 'react';
import { LibraryView } from '../features/library/LibraryView';
import { ReaderView } from '../features/reader/ReaderView';
import { glossa } from '../glossa';
import { MessageBar } from '../ui/MessageBar';
import { DropTarget } from './DropTarget';
import { useProgress } from './events';
import { fieldAllowsAppUndo, MOD_LABEL, useKeyboard } from './keyboard';
import { reportError } from './messages';
import { hrefFor, useRoute } from './route';
import { undoStack, useUndoState } from './undo';
import './app.css';

const undo = () => void undoStack.undo().catch((e: { undoLabel?: string }) => reportError(e, `Could not undo ${e.undoLabel ?? ''}`.trim()));
const redo = () => void undoStack.redo().catch((e: { undoLabel?: string }) => reportError(e, `Could not redo ${e.undoLabel ?? ''}`.trim()));

export function App() {
  const route = useRoute();
  const { undoLabel, redoLabel } = useUndoState();

  useKeyboard([
    { key: 'z', mod: true, shift: false, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: undo },
    { key: 'z', mod: true, shift: true, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: redo },
    { key: 'y', mod: true, shift: false, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: redo },
  ]);

  // Edit ▸ Undo/Redo from the native menu (Electron only; the test bridge has no menu).
  useEffect(() => {
    return glossa().onCommand?.((command) => {
      if (command.type === 'undo') undo();
      else if (command.type === 'redo') redo();
    });
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <a className="wordmark" href={hrefFor({ view: 'library' })}>
          Glossa
        </a>
        <nav aria-label="Main">
          <a className="nav-link" href={hrefFor({ view: 'library' })} aria-current={route.view === 'library' ? 'page' : undefined}>
            Library
          </a>
        </nav>
        <div className="topbar-spacer" />
        <div className="toolbar-group" role="group" aria-label="History">
          <button type="button" className="button button-quiet" onClick={undo} disabled={!undoLabel} title={`Undo (${MOD_LABEL}Z)`}>
            {undoLabel ? `Undo ${undoLabel}` : 'Undo'}
          </button>
          <button type="button" className="button button-quiet" onClick={redo} disabled={!redoLabel} title={`Redo (${MOD_LABEL}Shift+Z)`}>
            {redoLabel ? `Redo ${redoLabel}` : 'Redo'}
          </button>
        </div>
      </header>
      <MessageBar />
      <main className="main">{route.view === 'reader' ? <ReaderView snapshotId={route.snapshotId} /> : <LibraryView />}</main>
      <StatusLine />
      <DropTarget />
    </div>
  );
}

function StatusLine() {
  const progress = useProgress();
  return (
    <footer className="statusline" aria-live="polite">
      {progress ? (
        <span>
          {progressLabel(progress.task)} {progress.done + 1 > progress.total ? progress.total : progress.done + 1} of {progress.total}
          {progress.label ? ` — ${progress.label}` : ''}
        </span>
      ) : (
        <span className="statusline-idle">Stored on this computer only</span>
      )}
    </footer>
  );
}

const progressLabel = (task: string) =>
  ({ import: 'Importing', export: 'Exporting', 'import-bundle': 'Importing bundle' })[task] ?? task;
