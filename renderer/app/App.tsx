/** The shell: top bar (navigation, undo/redo, shortcuts), messages, the current view, drop target, status line. */
import { useEffect, useState } from 'react';
import { TrashView } from '../features/annotate/TrashView';
import { CodebookView } from '../features/codebook/CodebookView';
import { LibraryView } from '../features/library/LibraryView';
import { ReaderView } from '../features/reader/ReaderView';
import { AnnotationBrowser } from '../features/search/AnnotationBrowser';
import { SpeakerPage } from '../features/speakers/SpeakerPage';
import { SpeakersView } from '../features/speakers/SpeakersView';
import { glossa } from '../glossa';
import { MessageBar } from '../ui/MessageBar';
import { ShortcutSheet } from '../ui/ShortcutSheet';
import { DropTarget } from './DropTarget';
import { BundleCommands } from '../features/bundles/BundleCommands';
import { useProgress } from './events';
import { fieldAllowsAppUndo, MOD_LABEL, useKeyboard } from './keyboard';
import { reportError } from './messages';
import { hrefFor, useRoute, type Route } from './route';
import { undoStack, useUndoState } from './undo';
import './app.css';

const undo = () => void undoStack.undo().catch((e: { undoLabel?: string }) => reportError(e, `Could not undo ${e.undoLabel ?? ''}`.trim()));
const redo = () => void undoStack.redo().catch((e: { undoLabel?: string }) => reportError(e, `Could not redo ${e.undoLabel ?? ''}`.trim()));

const NAV: { label: string; route: Route }[] = [
  { label: 'Library', route: { view: 'library' } },
  { label: 'Annotations', route: { view: 'annotations' } },
  { label: 'Codebook', route: { view: 'codebook' } },
  { label: 'Speakers', route: { view: 'speakers' } },
  { label: 'Trash', route: { view: 'trash' } },
];

export function App() {
  const route = useRoute();
  const { undoLabel, redoLabel } = useUndoState();
  const [sheet, setSheet] = useState(false);

  useKeyboard([
    { key: 'z', mod: true, shift: false, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: undo, help: { group: 'General', label: 'Undo' } },
    { key: 'z', mod: true, shift: true, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: redo, help: { group: 'General', label: 'Redo' } },
    { key: 'y', mod: true, shift: false, inFields: true, when: (e) => fieldAllowsAppUndo(e.target), run: redo, help: { group: 'General', label: 'Redo' } },
    { key: '?', run: () => setSheet(true), help: { group: 'General', label: 'Show these shortcuts', keys: '?' } },
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
        <nav aria-label="Main" className="main-nav">
          {NAV.map((n) => (
            <a key={n.label} className="nav-link" href={hrefFor(n.route)} aria-current={n.route.view === route.view ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
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
        <button type="button" className="button button-quiet" onClick={() => setSheet(true)} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
          Shortcuts <kbd>?</kbd>
        </button>
      </header>
      <MessageBar />
      <main className="main">
        <View route={route} />
      </main>
      <StatusLine />
      <DropTarget />
      <BundleCommands />
      {sheet ? <ShortcutSheet onClose={() => setSheet(false)} /> : null}
    </div>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'reader':
      return <ReaderView snapshotId={route.snapshotId} annotationId={route.annotationId} at={route.at} />;
    case 'annotations':
      return <AnnotationBrowser query={route.query} />;
    case 'codebook':
      return <CodebookView />;
    case 'speakers':
      return <SpeakersView />;
    case 'speaker':
      return <SpeakerPage speakerId={route.speakerId} />;
    case 'trash':
      return <TrashView />;
    default:
      return <LibraryView query={route.query} />;
  }
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

const progressLabel = (task: string) => ({ import: 'Importing', export: 'Exporting', 'import-bundle': 'Importing bundle', capture: 'Capturing' })[task] ?? task;
