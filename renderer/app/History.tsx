/**
 * Undo and Redo in the top bar. Undo is one stack for the whole window (undo.ts), so Ctrl+Z
 * on the Speakers page may undo a figure tagged in an article. We keep it global — hiding
 * another page's steps would leave Ctrl+Z doing something unseen, and strand the steps below
 * them — and instead say where a step was done when it belongs to an article the user is
 * not looking at: "Undo tag figure (in an article)" on the Speakers page. Codebook and
 * speaker edits are library-wide (they reach tagged spans in every article), so they read
 * the same from every page.
 */
import { MOD_LABEL } from './keyboard';
import { parseRoute, type Route } from './route';
import type { UndoState } from './undo';

/** Where a step was done, in words, seen from the current page; null when that needs no saying. */
export function placeOf(where: string | null, current: Route): string | null {
  if (where === null) return null;
  const then = parseRoute(where);
  if (then.view !== 'reader') return null;
  if (current.view === 'reader') return current.snapshotId === then.snapshotId ? null : 'in another article';
  return 'in an article';
}

const text = (verb: string, label: string | null, place: string | null) => (label ? `${verb} ${label}${place ? ` (${place})` : ''}` : verb);

export function History({ state, route, onUndo, onRedo }: { state: UndoState; route: Route; onUndo(): void; onRedo(): void }) {
  const { undoLabel, redoLabel, undoWhere, redoWhere } = state;
  const undoText = text('Undo', undoLabel, placeOf(undoWhere, route));
  const redoText = text('Redo', redoLabel, placeOf(redoWhere, route));
  return (
    <div className="toolbar-group history" role="group" aria-label="History">
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
