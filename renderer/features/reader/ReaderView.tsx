/**
 * The reader: the article on the left, its annotations on the right. Keyboard first: find
 * words with /, widen or narrow the selection by words with Shift+arrows, tag it with
 * Q, C, F or N; J/K move between annotations, Enter edits, T tags, L links, A accepts,
 * Delete deletes; ? lists everything. The mouse does the same.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { flushSync } from 'react-dom';
import type { Annotation, AnnotationKind, ImageSelector, Snapshot, SnapshotImage } from '../../../core/model';
import type { FigureMark, Rect } from '../images/ArticleImage';
import { moveEdge, type Direction, type Edge } from '../../../core/text/navigate';
import { snapToWords } from '../../../core/text/words';
import { promiseFocus, useKeyboard, type Binding } from '../../app/keyboard';
import { notify, reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack, type Change } from '../../app/undo';
import { glossa } from '../../glossa';
import { describeSource, formatDate, formatNumber } from '../../ui/format';
import { useEvent } from '../../ui/useEvent';
import { KIND_KEY, KIND_LABEL, TAGGABLE_KINDS } from '../../ui/kinds';
import { AnnotationPanel } from '../annotate/AnnotationPanel';
import { LinkDialog } from '../annotate/LinkDialog';
import { TagPicker } from '../annotate/TagPicker';
import { linkProvisional, provisional, stableKey, storedId, useAnnotations } from '../annotate/useAnnotations';
import { useFigures } from '../annotate/useFigures';
import { offered } from '../annotate/FigureExtras';
import { VersionBar } from '../versions/VersionBar';
import { Article, titleBlockIndex } from './Article';
import { FindBar } from './FindBar';
import { assignLanes, byInnermost, type Span } from './highlight';
import { selectionToRange, selectRange } from './selection';
import { useSnapshotDoc } from './useSnapshotDoc';
import './reader.css';

interface Selected {
  id: string;
  /** Bumped when the editor's first field should take focus. */
  focusToken: number;
}

export function ReaderView({ snapshotId, annotationId }: { snapshotId: string; annotationId?: string }) {
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
  return <Reader key={snapshotId} snapshot={doc.snapshot} text={doc.text} initialAnnotations={doc.annotations} initialId={annotationId ?? null} />;
}

const NONE: Annotation[] = [];

/** Drawn again only when its snapshot changes, not on every edit in the reader. */
const Versions = memo(VersionBar);

const sameSpan = (a: { start: number; end: number } | null, b: { start: number; end: number }) => a !== null && a.start === b.start && a.end === b.end;

/** One span object per annotation object, so unchanged annotations keep their span (blocks compare spans by identity). */
const spanOf = new WeakMap<Annotation, Span>();
function toSpan(a: Annotation): Span {
  let span = spanOf.get(a);
  if (!span) {
    span = { id: a.id, kind: a.kind, start: a.target.position.start, end: a.target.position.end };
    spanOf.set(a, span);
  }
  return span;
}

interface ReaderProps {
  snapshot: Snapshot;
  text: string;
  initialAnnotations: Promise<Annotation[] | null>;
  initialId: string | null;
}

function Reader({ snapshot, text, initialAnnotations, initialId }: ReaderProps) {
  const snapshotId = snapshot.id;
  const [selected, setSelected] = useState<Selected | null>(initialId ? { id: initialId, focusToken: 0 } : null);
  const [verdictToken, setVerdictToken] = useState(0);
  const [dialog, setDialog] = useState<'tags' | 'link' | null>(null);
  const [finding, setFinding] = useState(0);
  const articleRef = useRef<HTMLElement>(null);
  /** A selection kept exactly as made (Alt held, found with /, moved by words): tagged without snapping. */
  const exactRef = useRef<{ start: number; end: number } | null>(null);
  /** Offset to scroll to once the next render has painted it (an undo may bring the piece back). */
  const [revealAt, setRevealAt] = useState<Place | { id: string } | null>(initialId ? { id: initialId } : null);

  // Undo and redo select what they brought back and drop what they removed.
  const onChange = useCallback((change: Change & { value: Annotation }) => {
    if (change.via === 'do') return;
    const a = change.value;
    if (a.deletedAt) setSelected((s) => (s?.id === a.id ? null : s));
    else {
      setSelected({ id: a.id, focusToken: 0 });
      setRevealAt(placeOf(a));
    }
  }, []);
  const { annotations, loaded, addPending } = useAnnotations(snapshotId, onChange, initialAnnotations);
  // A link to an annotation of the article already open (a speaker page, evidence) selects it.
  useEffect(() => {
    if (!initialId) return;
    setSelected({ id: initialId, focusToken: 0 });
    setRevealAt({ id: initialId });
    // The address goes back to the article, so following the same link again selects it again.
    window.history.replaceState(null, '', hrefFor({ view: 'reader', snapshotId }));
  }, [initialId, snapshotId]);
  const figures = useFigures(snapshotId, annotations);

  useEffect(() => {
    if (!revealAt || !loaded) return;
    // By id: the annotation named in the address, once the list is there.
    const named = 'id' in revealAt ? annotations.find((a) => a.id === revealAt.id) : undefined;
    const place = 'id' in revealAt ? named && placeOf(named) : revealAt;
    if (!place) {
      setRevealAt(null);
      return;
    }
    // Retried on each new annotation list until the piece exists, then forgotten.
    if (reveal(articleRef.current, place)) setRevealAt(null);
  }, [revealAt, annotations, loaded]);

  // The article with its highlights is painted first; the panel's list a frame later. (And
  // timings for the bench.)
  const [listed, setListed] = useState(false);
  useEffect(() => {
    if (!loaded) return;
    articleRef.current?.setAttribute('data-highlights', 'ready');
    let live = true;
    void afterPaint().then(() => {
      performance.mark('glossa:highlights-painted');
      if (live) setListed(true);
    });
    return () => {
      live = false;
    };
  }, [loaded]);

  const spans = useMemo<Span[]>(() => annotations.map(toSpan), [annotations]);
  const lanes = useMemo(() => assignLanes(spans), [spans]);
  // A provisional id still names its annotation after the stored one took its place.
  const selectedAnnotation = selected ? (annotations.find((a) => a.id === selected.id) ?? annotations.find((a) => stableKey(a) === selected.id) ?? null) : null;
  const selectedId = selectedAnnotation?.id ?? null;

  /**
   * While a new highlight is being painted the panel keeps showing what it showed before: its
   * new row and editor are drawn in the next frame (or at once when a key is pressed first).
   */
  const [held, setHeld] = useState<{ annotations: Annotation[]; selectedId: string | null; focusToken: number } | null>(null);
  const withdrawRef = useRef<() => void>(() => undefined);
  useEffect(() => () => withdrawRef.current(), []);

  const focusArticle = useCallback(() => articleRef.current?.focus({ preventScroll: true }), []);
  const currentRange = () => (articleRef.current ? selectionToRange(articleRef.current, window.getSelection()) : null);

  function tag(kind: AnnotationKind, altKey: boolean) {
    const range = currentRange();
    if (!range) {
      notify(`Select some words in the article first (or find them with /), then press ${KIND_KEY[kind]} to tag them as a ${kind}.`);
      return;
    }
    const exact = altKey || sameSpan(exactRef.current, range);
    const { start, end } = exact ? range : snapToWords(text, range.start, range.end);
    if (end <= start) {
      notify('The selection holds no words to tag. Hold Alt while selecting to tag it exactly.');
      return;
    }
    window.getSelection()?.removeAllRanges();
    exactRef.current = null;
    create(kind, start, end, null);
  }

  /** Tags words (or, with `image`, an image or an area of it): shown at once, saved after the frame, undoable, its editor opened. */
  function create(kind: AnnotationKind, start: number, end: number, image: ImageSelector | null) {
    // Shown at once; the stored annotation takes its place when the save returns.
    const temp = provisional(snapshotId, text, kind, start, end, image);
    const saving = undoStack.perform(async () => {
      // The save is sent once the highlight is painted: the frame that shows it does not wait for it.
      await afterPaint();
      const m = await glossa().createAnnotation(image ? { snapshotId, kind, start, end, image } : { snapshotId, kind, start, end, prefill: kind === 'figure' });
      linkProvisional(m.value.id, temp.id);
      return m;
    });
    addPending(temp, saving);
    const token = Date.now();
    setSelected({ id: temp.id, focusToken: token });
    holdPanel(token);
    saving.then(
      (real) => setSelected((s) => (s?.id === temp.id ? { id: real.id, focusToken: s.focusToken } : s)),
      (e: unknown) => reportError(e, `Could not tag the ${kind}`),
    );
  }

  /** The panel catches up after the frame; a key pressed before then brings it (and the editor's focus) at once. */
  function holdPanel(token: number) {
    setHeld((h) => h ?? { annotations, selectedId, focusToken: selected?.focusToken ?? 0 });
    withdrawRef.current();
    let settled = false;
    const release = (focus: boolean) => {
      if (settled) return;
      settled = true;
      withdraw();
      flushSync(() => {
        if (!focus) setSelected((s) => (s && s.focusToken === token ? { ...s, focusToken: 0 } : s));
        setHeld(null);
      });
    };
    const withdraw = promiseFocus({ keep: () => release(true), drop: () => release(false) });
    // A newer tag, or leaving the reader, supersedes this one.
    withdrawRef.current = () => {
      settled = true;
      withdraw();
    };
    // After the frame the editor takes focus in this same task (flushSync): a key pressed between
    // withdrawing the promise and an ordinary render would land on the article as a shortcut.
    void afterPaint().then(() => release(true));
  }

  function remove(annotation: Annotation) {
    undoStack
      .perform(async () => glossa().deleteAnnotation({ snapshotId, id: await storedId(annotation.id) }))
      .then(() => {
        setSelected((s) => (s?.id === annotation.id ? null : s));
        focusArticle();
      })
      .catch((e: unknown) => reportError(e, 'Could not delete the annotation'));
  }

  function accept(annotation: Annotation) {
    undoStack
      .perform(async () => glossa().acceptAnnotation({ snapshotId, id: await storedId(annotation.id) }))
      .catch((e: unknown) => reportError(e, 'Could not accept'));
  }

  /** Next or previous annotation in text order (from the selected one, or from the top of the view). */
  function step(direction: 1 | -1) {
    if (annotations.length === 0) {
      notify('There are no annotations in this article yet.');
      return;
    }
    const at = selectedId ? annotations.findIndex((a) => a.id === selectedId) : -1;
    const next = at < 0 ? (direction === 1 ? annotations[0] : annotations.at(-1)) : annotations[(at + direction + annotations.length) % annotations.length];
    if (!next) return;
    window.getSelection()?.removeAllRanges();
    setSelected({ id: next.id, focusToken: 0 });
    setRevealAt(placeOf(next));
  }

  /** Shift+arrows: move an edge of the text selection, or of the selected annotation, by a word. */
  function moveSelection(edge: Edge, direction: Direction) {
    const root = articleRef.current;
    const range = currentRange();
    if (root && range) {
      const snapped = sameSpan(exactRef.current, range) ? range : snapToWords(text, range.start, range.end);
      const next = moveEdge(text, snapped, edge, direction);
      if (selectRange(root, next.start, next.end)) exactRef.current = next;
      return;
    }
    if (!selectedAnnotation) {
      notify('Select words or an annotation first; Shift+arrows then move its ends by a word.');
      return;
    }
    const a = selectedAnnotation;
    undoStack
      .perform(async () => glossa().resizeAnnotation({ snapshotId, id: await storedId(a.id), edge, direction }))
      .catch((e: unknown) => reportError(e, 'Could not change the span'));
  }

  const needs = (what: string, run: (a: Annotation) => void) => () => {
    if (selectedAnnotation) run(selectedAnnotation);
    else notify(`Select an annotation first (J and K move between them), then ${what}.`);
  };

  const bindings: Binding[] = [
    ...TAGGABLE_KINDS.map((kind) => ({
      key: KIND_KEY[kind].toLowerCase(),
      run: (e: KeyboardEvent) => tag(kind, e.altKey),
      help: { group: 'Tag', label: `Tag the selection as a ${KIND_LABEL[kind].toLowerCase()} (with Alt: exactly as selected)` },
    })),
    { key: '/', run: () => setFinding(Date.now()), help: { group: 'Find and select', label: 'Find in the article (“first words … last words” finds a passage)' } },
    { key: 'f', mod: true, inFields: true, run: () => setFinding(Date.now()), help: { group: 'Find and select', label: 'Find in the article (“first words … last words” finds a passage)' } },
    { key: 'arrowright', shift: true, alt: false, run: () => moveSelection('end', 'grow'), help: { group: 'Find and select', label: 'Extend the selection or annotation by a word at its end' } },
    { key: 'arrowleft', shift: true, alt: false, run: () => moveSelection('end', 'shrink'), help: { group: 'Find and select', label: 'Shrink it by a word at its end' } },
    { key: 'arrowleft', shift: true, alt: true, run: () => moveSelection('start', 'grow'), help: { group: 'Find and select', label: 'Extend it by a word at its start' } },
    { key: 'arrowright', shift: true, alt: true, run: () => moveSelection('start', 'shrink'), help: { group: 'Find and select', label: 'Shrink it by a word at its start' } },
    { key: 'j', run: () => step(1), help: { group: 'Move', label: 'Next annotation' } },
    { key: 'k', run: () => step(-1), help: { group: 'Move', label: 'Previous annotation' } },
    { key: ']', run: () => step(1), help: { group: 'Move', label: 'Next annotation' } },
    { key: '[', run: () => step(-1), help: { group: 'Move', label: 'Previous annotation' } },
    {
      key: 'enter',
      when: (e) => !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement),
      run: needs('press Enter to edit its fields', (a) => setSelected({ id: a.id, focusToken: Date.now() })),
      help: { group: 'Edit', label: 'Edit the selected annotation’s fields' },
    },
    { key: 'e', run: needs('press E to edit its fields', (a) => setSelected({ id: a.id, focusToken: Date.now() })), help: { group: 'Edit', label: 'Edit the selected annotation’s fields' } },
    {
      key: 'v',
      run: needs('press V for its verdict', (a) => (a.kind === 'claim' ? setVerdictToken(Date.now()) : notify('Only claims have a verdict.'))),
      help: { group: 'Edit', label: 'Verdict of the selected claim' },
    },
    { key: 't', run: needs('press T to tag it', () => setDialog('tags')), help: { group: 'Edit', label: 'Codebook tags of the selected annotation (then a tag’s key)' } },
    { key: 'l', run: needs('press L to link it', () => setDialog('link')), help: { group: 'Edit', label: 'Link the selected annotation to another' } },
    {
      key: 'a',
      run: needs('press A to accept it', (a) => (a.kind === 'figure' && offered(a, figures).length === 0 && a.origin.type !== 'suggested' ? notify('Nothing to accept: the fields the text gives are filled in.') : accept(a))),
      help: { group: 'Edit', label: 'Accept what the text gives a figure (or a suggestion)' },
    },
    { key: 'delete', run: needs('press Delete', remove), help: { group: 'Edit', label: 'Delete the selected annotation (to the trash)' } },
    { key: 'backspace', run: needs('press Delete', remove), help: { group: 'Edit', label: 'Delete the selected annotation (to the trash)' } },
    {
      key: 'escape',
      run: () => {
        setSelected(null);
        exactRef.current = null;
        window.getSelection()?.removeAllRanges();
      },
      help: { group: 'Move', label: 'Deselect', keys: 'Esc' },
    },
  ];
  useKeyboard(bindings);

  // The drag may end outside the article, so the release is heard on the document.
  const onMouseDown = () => {
    exactRef.current = null;
    const onRelease = (e: MouseEvent) => {
      const root = articleRef.current;
      exactRef.current = e.altKey && root ? selectionToRange(root, window.getSelection()) : null;
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
    if (a) setRevealAt(placeOf(a));
  };

  // Figures tagged on each image, for the image to outline them.
  const figureMarks = useMemo(() => {
    const byImage = new Map<string, FigureMark[]>();
    for (const a of annotations) {
      const on = a.target.image;
      if (on) byImage.set(on.hash, [...(byImage.get(on.hash) ?? []), { id: a.id, rect: on.rect, selected: a.id === selectedId }]);
    }
    return byImage;
  }, [annotations, selectedId]);
  const tagFigure = useEvent((image: SnapshotImage, rect: Rect | null) => create('figure', image.offset, image.offset, { hash: image.hash, rect }));
  const selectFigure = useEvent((id: string) => setSelected({ id, focusToken: 0 }));

  // Stable, so the panel (memoised) is not drawn again while only the article changes.
  const panelSelect = useEvent(selectFromPanel);
  const panelDelete = useEvent(remove);
  const panelAccept = useEvent(accept);
  const pickTags = useCallback(() => setDialog('tags'), []);
  const pickLink = useCallback(() => setDialog('link'), []);

  /** A find result becomes the selection, kept exact, with focus back on the article for a tag key. */
  const selectFound = (m: { start: number; end: number }) => {
    const root = articleRef.current;
    if (!root) return;
    setSelected(null);
    focusArticle();
    if (selectRange(root, m.start, m.end)) {
      exactRef.current = m;
      reveal(root, { start: m.start }, false);
    }
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
              onClick={(e) => tag(kind, e.altKey)}
              aria-keyshortcuts={KIND_KEY[kind]}
            >
              <span className={`tag-swatch swatch-${kind}`} aria-hidden="true" />
              {KIND_LABEL[kind]} <kbd>{KIND_KEY[kind]}</kbd>
            </button>
          ))}
          <button type="button" className="button button-quiet" onMouseDown={(e) => e.preventDefault()} onClick={() => setFinding(Date.now())} aria-keyshortcuts="/">
            Find <kbd>/</kbd>
          </button>
          <span className="toolbar-hint">Select words (or find them with /), then press a key. Alt keeps the exact characters; ? lists every key.</span>
        </div>
        {finding ? <FindBar focusToken={finding} snapshotId={snapshotId} onSelect={selectFound} onClose={() => { setFinding(0); focusArticle(); }} /> : null}
        <div className="reader-scroll">
          <ReaderHeader snapshot={snapshot} text={text} />
          <Versions snapshot={snapshot} />
          <Article
            ref={articleRef}
            snapshotId={snapshotId}
            text={text}
            title={snapshot.title}
            blocks={snapshot.blocks}
            images={snapshot.images}
            spans={spans}
            lanes={lanes}
            selectedId={selectedId}
            figures={figureMarks}
            onTagFigure={tagFigure}
            onSelectAnnotation={selectFigure}
            onClick={onClick}
            onMouseDown={onMouseDown}
          />
        </div>
      </div>
      <AnnotationPanel
        snapshotId={snapshotId}
        annotations={!listed ? NONE : held ? held.annotations : annotations}
        images={snapshot.images}
        loaded={loaded && listed}
        selectedId={held ? held.selectedId : selectedId}
        focusToken={held ? held.focusToken : (selected?.focusToken ?? 0)}
        verdictToken={verdictToken}
        figures={figures}
        onSelect={panelSelect}
        onDone={focusArticle}
        onDelete={panelDelete}
        onAccept={panelAccept}
        onPickTags={pickTags}
        onLink={pickLink}
      />
      {dialog === 'tags' && selectedAnnotation ? (
        <TagPicker
          annotation={selectedAnnotation}
          onClose={() => {
            setDialog(null);
            focusArticle();
          }}
        />
      ) : null}
      {dialog === 'link' && selectedAnnotation ? (
        <LinkDialog
          from={selectedAnnotation}
          annotations={annotations}
          images={snapshot.images}
          onClose={() => {
            setDialog(null);
            focusArticle();
          }}
        />
      ) : null}
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

/** Resolves after the next frame is painted (or soon, when the window draws no frames: hidden). */
function afterPaint(): Promise<void> {
  return new Promise((done) => {
    const fallback = setTimeout(done, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        done();
      }, 0),
    );
  });
}

/** Where an annotation is drawn: the piece where its words start, or the image it is tagged on. */
type Place = { start: number } | { image: string };
const placeOf = (a: Annotation): Place => (a.target.image ? { image: a.target.image.hash } : { start: a.target.position.start });

/** Scrolls the piece where an annotation starts (or its image) into view (no animation when reduced motion is asked for). */
function reveal(root: HTMLElement | null, place: Place, exactPiece = true): boolean {
  const piece =
    'image' in place
      ? root?.querySelector<HTMLElement>(`[data-image-hash="${CSS.escape(place.image)}"]`)
      : exactPiece
        ? root?.querySelector<HTMLElement>(`[data-start="${place.start}"]`)
        : [...(root?.querySelectorAll<HTMLElement>('[data-start]') ?? [])].find((p) => Number(p.dataset.start) <= place.start && place.start < Number(p.dataset.start) + (p.textContent?.length ?? 0));
  if (!piece) return false;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  piece.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  return true;
}
