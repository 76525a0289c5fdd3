/**
 * Undo and Redo in the top bar. Undo is one stack for the whole window (undo.ts), so Ctrl+Z
 * on the Speakers page may undo a figure tagged in an article. We keep it global — hiding
 * another page's steps would leave Ctrl+Z doing something unseen, and strand the steps below
 * them — and instead say where a step was done when it belongs to an article the user is
 * not looking at: "Undo tag figure (in an article)" on the Speakers page. Codebook and
 * speaker edits are library-wide (they reach tagged spans in every article), so they read
 * the same from every page.
 */
import { localiseUndoLabel } from '../../core/common/undo-labels';
import { language, messagesNow, useMessages } from '../i18n';
import { commonMessages } from '../i18n/common';
import { MOD_LABEL } from './keyboard';
import { appMessages } from './messages';
import { parseRoute, type Route } from './route';
import { useStore } from './store';
import type { UndoState } from './undo';

/** Where a step was done, in words, seen from the current page; null when that needs no saying. */
export function placeOf(where: string | null, current: Route): string | null {
  if (where === null) return null;
  const then = parseRoute(where);
  if (then.view !== 'reader') return null;
  const m = messagesNow(appMessages);
  if (current.view === 'reader') return current.snapshotId === then.snapshotId ? null : m.inAnotherArticle;
  return m.inAnArticle;
}

const text = (verb: string, label: string | null, place: string | null) => (label ? `${verb} ${label}${place ? ` (${place})` : ''}` : verb);

export function History({ state, route, onUndo, onRedo }: { state: UndoState; route: Route; onUndo(): void; onRedo(): void }) {
  const { undoLabel, redoLabel, undoWhere, redoWhere } = state;
  const common = useMessages(commonMessages);
  const m = useMessages(appMessages);
  // Core names each step in English ("tag quote"); it is said in the window's language here.
  const lang = useStore(language);
  const said = (label: string | null) => label && localiseUndoLabel(label, lang);
  const undoText = text(common.undo, said(undoLabel), placeOf(undoWhere, route));
  const redoText = text(common.redo, said(redoLabel), placeOf(redoWhere, route));
  return (
    <div className="toolbar-group history" role="group" aria-label={m.history}>
      {/* A long label is cut with an ellipsis in a narrow window; the title keeps all of it. */}
      <button type="button" className="button button-quiet history-button" onClick={onUndo} disabled={!undoLabel} title={`${undoText} (${MOD_LABEL}Z)`}>
        {undoText}
      </button>
      <button type="button" className="button button-quiet history-button" onClick={onRedo} disabled={!redoLabel} title={`${redoText} (${MOD_LABEL}Shift+Z)`}>
        {redoText}
      </button>
    </div>
  );
}
