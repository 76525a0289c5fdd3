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
import { FirstRunHint } from '../features/firstrun/FirstRunHint';
import { appSettings, loadAppSettings } from '../features/settings/appSettings';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { SyncControl } from '../features/sync/SyncControl';
import { stepWord, syncView } from '../features/sync/syncState';
import { syncMessages } from '../features/sync/messages';
import { useProgress } from './events';
import { History } from './History';
import { fieldAllowsAppUndo, isMac, MOD_LABEL, useKeyboard } from './keyboard';
import { Notifications } from './Notifications';
import { appMessages, reportError, type NavView } from './messages';
import { useStore } from './store';
import { hrefFor, useRoute, type Route } from './route';
import { undoStack, useUndoState } from './undo';
import { commonMessages } from '../i18n/common';
import { language, messagesNow, useMessages } from '../i18n';
import { localiseUndoLabel } from '../../core/common/undo-labels';
import './app.css';

/** A step's label as core wrote it (English), in the window's language. */
const said = (label: string | undefined) => localiseUndoLabel(label ?? '', language.get());
const undo = () => void undoStack.undo().catch((e: { undoLabel?: string }) => reportError(e, messagesNow(appMessages).couldNotUndo(said(e.undoLabel))));
const redo = () => void undoStack.redo().catch((e: { undoLabel?: string }) => reportError(e, messagesNow(appMessages).couldNotRedo(said(e.undoLabel))));

const NAV: { view: NavView; route: Route }[] = [
  { view: 'library', route: { view: 'library' } },
  { view: 'annotations', route: { view: 'annotations' } },
  { view: 'codebook', route: { view: 'codebook' } },
  { view: 'speakers', route: { view: 'speakers' } },
  { view: 'trash', route: { view: 'trash' } },
];

/** The product's name, the same in every language. */
const WORDMARK = 'Glossa';

export function App() {
  const route = useRoute();
  // Read here, not in History: the shell draws again on every step, and so reads the address anew.
  const undoState = useUndoState();
  const [sheet, setSheet] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Views write numbers as the chosen format does; a new choice draws them again.
  const numberFormat = useStore(appSettings)?.numberFormat ?? 'system';
  // A new language draws the view again too, so words a view reads outside a hook (messagesNow) follow it.
  const lang = useStore(language);
  const m = useMessages(appMessages);
  const common = useMessages(commonMessages);

  useEffect(() => void loadAppSettings(), []);

  useKeyboard([
    {
      key: 'z',
      mod: true,
      shift: false,
      inFields: true,
      when: (e) => fieldAllowsAppUndo(e.target),
      run: undo,
      help: { group: m.generalGroup, label: common.undo },
    },
    {
      key: 'z',
      mod: true,
      shift: true,
      inFields: true,
      when: (e) => fieldAllowsAppUndo(e.target),
      run: redo,
      help: { group: m.generalGroup, label: common.redo },
    },
    {
      key: 'y',
      mod: true,
      shift: false,
      inFields: true,
      when: (e) => fieldAllowsAppUndo(e.target),
      run: redo,
      help: { group: m.generalGroup, label: common.redo },
    },
    { key: '?', run: () => setSheet(true), help: { group: m.generalGroup, label: m.showShortcuts, keys: '?' } },
    { key: ',', mod: true, inFields: true, run: () => setSettingsOpen(true), help: { group: m.generalGroup, label: m.settings } },
  ]);

  // Edit ▸ Undo/Redo from the native menu (Electron only; the test bridge has no menu).
  useEffect(() => {
    return glossa().onCommand?.((command) => {
      if (command.type === 'undo') undo();
      else if (command.type === 'redo') redo();
      // Glossa ▸ Settings… (electron/menu.ts).
      else if (command.type === 'settings') setSettingsOpen(true);
    });
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <a className="wordmark" href={hrefFor({ view: 'library' })}>
          {WORDMARK}
        </a>
        <nav aria-label={m.mainNav} className="main-nav">
          {NAV.map((n) => (
            <a key={n.view} className="nav-link" href={hrefFor(n.route)} aria-current={n.route.view === route.view ? 'page' : undefined}>
              {m.nav[n.view]}
            </a>
          ))}
        </nav>
        <div className="topbar-spacer" />
        <History state={undoState} route={route} onUndo={undo} onRedo={redo} />
        <SyncControl />
        <Notifications />
        <button type="button" className="button button-quiet" onClick={() => setSheet(true)} aria-keyshortcuts="?" title={m.shortcutsTitle}>
          <span className="shortcuts-word">{m.shortcuts}</span> <kbd>?</kbd>
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setSettingsOpen(true)}
          aria-keyshortcuts={isMac ? 'Meta+,' : 'Control+,'}
          title={m.settingsTitle(MOD_LABEL)}
        >
          {/* A gear on a narrow bar, which makes room for Sync (features/sync/sync.css). */}
          <svg className="settings-gear" viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M6.9 1h2.2l.3 1.9 1.3.6 1.6-1.1 1.5 1.5-1.1 1.6.6 1.3 1.9.3v2.2l-1.9.3-.6 1.3 1.1 1.6-1.5 1.5-1.6-1.1-1.3.6-.3 1.9H6.9l-.3-1.9-1.3-.6-1.6 1.1-1.5-1.5 1.1-1.6-.6-1.3L1 9.1V6.9l1.9-.3.6-1.3-1.1-1.6 1.5-1.5 1.6 1.1 1.3-.6ZM8 5.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 0 0 0-4.8Z"
              fill="currentColor"
              fillRule="evenodd"
            />
          </svg>
          <span className="settings-word">{m.settings}</span>
        </button>
      </header>
      <MessageBar />
      <main className="main">
        <View key={`${numberFormat}:${lang}`} route={route} />
      </main>
      <StatusLine />
      <DropTarget />
      <BundleCommands />
      <FirstRunHint route={route} />
      {sheet ? <ShortcutSheet onClose={() => setSheet(false)} /> : null}
      {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
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
  const remote = useStore(syncView).status?.remote;
  const m = useMessages(appMessages);
  const sync = useMessages(syncMessages);
  return (
    <footer className="statusline" aria-live="polite">
      {progress ? (
        <span>
          {m.progress(m.task[progress.task] ?? progress.task, progress.done + 1 > progress.total ? progress.total : progress.done + 1, progress.total)}
          {progress.label ? ` — ${progress.task === 'sync' ? stepWord(progress.label, sync.steps) : progress.label}` : ''}
        </span>
      ) : (
        <span className="statusline-idle">{remote ? m.sharedThrough(remote) : m.storedHere}</span>
      )}
    </footer>
  );
}
