/**
 * The reader: the article on the left, its annotations on the right. Select words and
 * press Q, C or F (or use the toolbar) to tag them; the new annotation opens in the panel
 * with its first field focused.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { Annotation, AnnotationKind, Snapshot } from '../../../core/model';
import { snapToWords } from '../../../core/text/words';
import { useKeyboard } from '../../app/keyboard';
import { notify, reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack, type Change } from '../../app/undo';
import { glossa } from '../../glossa';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { KIND_KEY, KIND_LABEL, TAGGABLE_KINDS } from '../../ui/kinds';
import { AnnotationPanel } from '../annotate/AnnotationPanel';
import { useAnnotations } from '../annotate/useAnnotations';
import { Article, titleBlockIndex } from './Article';
import { assignLanes, byInnermost, type Span } from './highlight';
import { selectionToRange } from './selection';
import { useSnapshotDoc } from './useSnapshotDoc';
import './reader.css';

interface Selected {
  id: string;
  /** Bumped when the editor's first field should take focus. */
  focusToken: number;
}

export function ReaderView({ snapshotId }: { snapshotId: string }) {
  const doc = useSnapshotDoc(snapshotId);
  if (doc.status === 'loading') return <p className="reader-status">Opening…</p>;
  if (doc.status === 'error') {
    return (
      <div className="reader-status" role="alert">
        <p>This snapshot could not be opened: {doc.message}</p>
        <a href={hrefFor({ view: 'library' })}>Back to the library</a>
      </div>
    );
  }
  return <Reader key={snapshotId} snapshot={doc.snapshot} text={doc.text} />;
}

function Reader({ snapshot, text }: { snapshot: Snapshot; text: string }) {
  const snapshotId = snapshot.id;
  const [selected, setSelected] = useState<Selected | null>(null);
  const articleRef = useRef<HTMLElement>(null);
  /** The selection made with Alt held (kept exact, not snapped), while it is still the selection. */
  const altRef = useRef<{ start: number; end: number } | null>(null);
  /** Offset to scroll to once the next render has painted it (an undo may bring the piece back). */
  const [revealAt, setRevealAt] = useState<{ start: number } | null>(null);

  // Undo and redo select what they brought back and drop what they removed.
  const onChange = useCallback((change: Change & { value: Annotation }) => {
    if (change.via === 'do') return;
    const a = change.value;
    if (a.deletedAt) setSelected((s) => (s?.id === a.id ? null : s));
    else {
      setSelected({ id: a.id, focusToken: 0 });
      setRevealAt({ start: a.target.position.start });
    }
  }, []);
  const { annotations, loaded } = useAnnotations(snapshotId, onChange);
  useEffect(() => {
    // Retried on each new annotation list until the piece exists, then forgotten.
    if (revealAt && reveal(articleRef.current, revealAt.start)) setRevealAt(null);
  }, [revealAt, annotations]);

  const spans = useMemo<Span[]>(
    () => annotations.map((a) => ({ id: a.id, kind: a.kind, start: a.target.position.start, end: a.target.position.end })),
    [annotations],
  );
  const lanes = useMemo(() => assignLanes(spans), [spans]);
  const selectedId = selected && annotations.some((a) => a.id === selected.id) ? selected.id : null;

  const focusArticle = useCallback(() => articleRef.current?.focus({ preventScroll: true }), []);

  async function tag(kind: AnnotationKind, altKey: boolean) {
    const root = articleRef.current;
    const range = root ? selectionToRange(root, window.getSelection()) : null;
    if (!range) {
      notify(`Select some words in the article first, then press ${KIND_KEY[kind] ?? ''} to tag them as a ${kind}.`);
      return;
    }
    const alt = altRef.current;
    const exact = altKey || (alt !== null && alt.start === range.start && alt.end === range.end);
    const { start, end } = exact ? range : snapToWords(text, range.start, range.end);
    if (end <= start) {
      notify('The selection holds no words to tag. Hold Alt while selecting to tag it exactly.');
      return;
    }
    try {
      const created = await undoStack.perform(() => glossa().createAnnotation({ snapshotId, kind, start, end }));
      window.getSelection()?.removeAllRanges();
      setSelected({ id: created.id, focusToken: Date.now() });
    } catch (e) {
      reportError(e, `Could not tag the ${kind}`);
    }
  }

  function remove(annotation: Annotation) {
    undoStack
      .perform(() => glossa().deleteAnnotation({ snapshotId, id: annotation.id }))
      .then(() => {
        setSelected((s) => (s?.id === annotation.id ? null : s));
        focusArticle();
      })
      .catch((e: unknown) => reportError(e, 'Could not delete the annotation'));
  }

  const selectedAnnotation = annotations.find((a) => a.id === selectedId) ?? null;
  useKeyboard([
    ...TAGGABLE_KINDS.map((kind) => ({ key: KIND_KEY[kind]!.toLowerCase(), run: (e: KeyboardEvent) => void tag(kind, e.altKey) })),
    { key: 'delete', run: () => selectedAnnotation && remove(selectedAnnotation) },
    { key: 'backspace', run: () => selectedAnnotation && remove(selectedAnnotation) },
    {
      key: 'escape',
      run: () => {
        setSelected(null);
        window.getSelection()?.removeAllRanges();
      },
    },
  ]);

  // The drag may end outside the article, so the release is heard on the document.
  const onMouseDown = () => {
    altRef.current = null;
    const onRelease = (e: MouseEvent) => {
      const root = articleRef.current;
      altRef.current = e.altKey && root ? selectionToRange(root, window.getSelection()) : null;
    };
    document.addEventListener('mouseup', onRelease, { once: true });
  };
  // A click (not a drag) on a highlight selects its innermost annotation; clicking again cycles outward.
  const onClick = (e: ReactMouseEvent<HTMLElement>) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const piece = (e.target as Element).closest<HTMLElement>('[data-ids]');
    if (!piece) {
      setSelected(null);
      return;
    }
    const ids = (piece.dataset.ids ?? '').split(' ');
    const order = byInnermost(spans.filter((s) => ids.includes(s.id)));
    const at = order.findIndex((s) => s.id === selectedId);
    const next = order[(at + 1) % order.length];
    if (next) setSelected({ id: next.id, focusToken: 0 });
  };

  const selectFromPanel = (id: string) => {
    const a = annotations.find((x) => x.id === id);
    setSelected({ id, focusToken: 0 });
    if (a) setRevealAt({ start: a.target.position.start });
  };

  return (
    <div className="reader">
      <div className="reader-main">
        <div className="reader-toolbar" role="toolbar" aria-label="Tag the selected text">
          {TAGGABLE_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className={`button tag-button tag-${kind}`}
              // Keep the text selection: a button press must not move focus or clear it.
              onMouseDown={(e) => e.preventDefault()}
              onClick={(e) => void tag(kind, e.altKey)}
              aria-keyshortcuts={KIND_KEY[kind]}
            >
              <span className={`tag-swatch swatch-${kind}`} aria-hidden="true" />
              {KIND_LABEL[kind]} <kbd>{KIND_KEY[kind]}</kbd>
            </button>
          ))}
          <span className="toolbar-hint">Select words, then press a key. Hold Alt while selecting to keep the exact characters.</span>
        </div>
        <div className="reader-scroll">
          <ReaderHeader snapshot={snapshot} text={text} />
          <Article
            ref={articleRef}
            text={text}
            title={snapshot.title}
            blocks={snapshot.blocks}
            spans={spans}
            lanes={lanes}
            selectedId={selectedId}
            onClick={onClick}
            onMouseDown={onMouseDown}
          />
        </div>
      </div>
      <AnnotationPanel
        annotations={annotations}
        loaded={loaded}
        selectedId={selectedId}
        focusToken={selected?.focusToken ?? 0}
        onSelect={selectFromPanel}
        onDone={focusArticle}
        onDelete={remove}
      />
    </div>
  );
}

function ReaderHeader({ snapshot, text }: { snapshot: Snapshot; text: string }) {
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

/** Scrolls the piece where an annotation starts into view (no animation when reduced motion is asked for). */
function reveal(root: HTMLElement | null, start: number): boolean {
  const piece = root?.querySelector<HTMLElement>(`[data-start="${start}"]`);
  if (!piece) return false;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  piece.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  return true;
}
