/**
 * The reader: the article on the left, its annotations on the right. Keyboard first: find
 * words with /, widen or narrow the selection by words with Shift+arrows, tag it with
 * Q, C, F or N; J/K move between annotations, Enter edits, T tags, L links, A accepts,
 * Delete deletes; ? lists everything. The mouse does the same. "Suggest…" has the detectors
 * suggest annotations, reviewed in a queue (R, then J/K, A, X, E).
 *
 * This file composes: the text selection is useTextSelection, what is done to annotations
 * is useTagging, the key map is readerKeys, the review queue is features/suggest.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { Annotation, Snapshot, SnapshotImage } from '../../../core/model';
import type { Direction, Edge } from '../../../core/text/navigate';
import type { FigureMark, Rect } from '../images/ArticleImage';
import { useKeyboard } from '../../app/keyboard';
import { notify } from '../../app/messages';
import { hrefFor, parseRoute } from '../../app/route';
import type { Change } from '../../app/undo';
import { useEvent } from '../../ui/useEvent';
import { useMessages } from '../../i18n';
import { AnnotationPanel } from '../annotate/AnnotationPanel';
import { LinkDialog } from '../annotate/LinkDialog';
import { TagPicker } from '../annotate/TagPicker';
import { useAnnotations } from '../annotate/useAnnotations';
import { useFigures } from '../annotate/useFigures';
import { offered } from '../annotate/FigureExtras';
import { VersionBar } from '../versions/VersionBar';
import { isPending } from '../suggest/queue';
import { ReviewBar } from '../suggest/ReviewBar';
import { SuggestDialog } from '../suggest/SuggestDialog';
import { useReview } from '../suggest/useReview';
import { Article } from './Article';
import { FindBar } from './FindBar';
import { ReaderHeader } from './ReaderHeader';
import { TagToolbar } from './TagToolbar';
import { assignLanes, byInnermost, type Span } from './highlight';
import { flashAt } from './flash';
import { afterPaint, placeOf, reveal, type Place } from './place';
import { readerBindings } from './readerKeys';
import { useTagging, type Selected } from './useTagging';
import { useTextSelection } from './useTextSelection';
import { articleVoice, useArticleRecord } from './useArticleVoice';
import { useSnapshotDoc } from './useSnapshotDoc';
import { readerMessages } from './messages';
import './reader.css';

/** `annotationId` opens the reader at that annotation (selected); `at`, at words a search found (selected as text). Both flash. */
export function ReaderView({ snapshotId, annotationId, at }: { snapshotId: string; annotationId?: string; at?: { start: number; end: number } }) {
  const doc = useSnapshotDoc(snapshotId);
  const m = useMessages(readerMessages);
  if (doc.status === 'loading') return <p className="reader-status">{m.opening}</p>;
  if (doc.status === 'error') {
    return (
      <div className="reader-status" role="alert">
        <p>
          {m.couldNotOpen} {doc.message}
        </p>
        <a href={hrefFor({ view: 'library' })}>{m.backToLibrary}</a>
      </div>
    );
  }
  return (
    <Reader
      key={snapshotId}
      snapshot={doc.snapshot}
      text={doc.text}
      initialAnnotations={doc.annotations}
      initialId={annotationId ?? null}
      initialAt={at ?? null}
    />
  );
}

const NONE: Annotation[] = [];

/** Drawn again only when its snapshot changes, not on every edit in the reader. */
const Versions = memo(VersionBar);

/** One span object per annotation object, so unchanged annotations keep their span (blocks compare spans by identity). */
const spanOf = new WeakMap<Annotation, Span>();
function toSpan(a: Annotation): Span {
  let span = spanOf.get(a);
  if (!span) {
    span = { id: a.id, kind: a.kind, start: a.target.position.start, end: a.target.position.end, suggested: isPending(a) };
    spanOf.set(a, span);
  }
  return span;
}

interface ReaderProps {
  snapshot: Snapshot;
  text: string;
  initialAnnotations: Promise<Annotation[] | null>;
  initialId: string | null;
  initialAt: { start: number; end: number } | null;
}

function Reader({ snapshot, text, initialAnnotations, initialId, initialAt }: ReaderProps) {
  const snapshotId = snapshot.id;
  // The key map and notices below speak the window's language (drawn again when it changes).
  const m = useMessages(readerMessages);
  // Read once: the header shows it, the text takes its language and direction from it.
  const record = useArticleRecord(snapshot.id);
  const voice = articleVoice(snapshot, record);
  const [selected, setSelected] = useState<Selected | null>(initialId ? { id: initialId, focusToken: 0 } : null);
  const [verdictToken, setVerdictToken] = useState(0);
  const [dialog, setDialog] = useState<'tags' | 'link' | 'suggest' | null>(null);
  const [finding, setFinding] = useState(0);
  const articleRef = useRef<HTMLElement>(null);
  const flashRef = useRef<HTMLDivElement>(null);
  const selection = useTextSelection(articleRef, text);
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
  const { annotations, loaded, addShown } = useAnnotations(snapshotId, onChange, initialAnnotations);
  // A link to an annotation of the article already open (a speaker page, evidence) selects it.
  useEffect(() => {
    if (!initialId) return;
    setSelected({ id: initialId, focusToken: 0 });
    setRevealAt({ id: initialId });
    // The address goes back to the article, so following the same link again selects it again
    // (only while it still names this annotation: never overwrite where the window went since).
    const now = parseRoute(window.location.hash);
    if (now.view === 'reader' && now.snapshotId === snapshotId && now.annotationId === initialId) {
      window.history.replaceState(null, '', hrefFor({ view: 'reader', snapshotId }));
    }
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
    if (!reveal(articleRef.current, place)) return;
    setRevealAt(null);
    // Opened from a link (the address named it): flash it so the eye finds it after the scroll.
    if (named) flashAt(flashRef.current, articleRef.current, 'image' in place ? place : { start: named.target.position.start, end: named.target.position.end });
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
  const selectedAnnotation = selected ? (annotations.find((a) => a.id === selected.id) ?? null) : null;
  const selectedId = selectedAnnotation?.id ?? null;

  const focusArticle = useCallback(() => articleRef.current?.focus({ preventScroll: true }), []);

  // Opened at words a search found: they become the text selection (Q, C, F or N tags them), scrolled to and flashed.
  const openAt = useEvent((at: { start: number; end: number }) => {
    const root = articleRef.current;
    if (!root || at.end > text.length) return;
    focusArticle();
    selection.selectFound(at);
    flashAt(flashRef.current, root, at);
    window.history.replaceState(null, '', hrefFor({ view: 'reader', snapshotId }));
  });
  const atStart = initialAt?.start;
  const atEnd = initialAt?.end;
  useEffect(() => {
    if (atStart === undefined || atEnd === undefined || !loaded) return;
    openAt({ start: atStart, end: atEnd });
  }, [atStart, atEnd, loaded, openAt]);
  const { held, tag, create, remove, accept, resize } = useTagging({
    snapshotId,
    text,
    annotations,
    selected,
    selectedId,
    setSelected,
    addShown,
    selection,
    focusArticle,
  });

  /** Next or previous annotation in text order (from the selected one, or from the top of the view). */
  function step(direction: 1 | -1) {
    if (annotations.length === 0) {
      notify(m.noAnnotationsYet);
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
    if (selection.moveEdge(edge, direction)) return;
    if (selectedAnnotation) resize(selectedAnnotation, edge, direction);
    else notify(m.selectBeforeMoving);
  }

  /** Selects an annotation (a suggestion of the queue) and scrolls the article to it. */
  const show = useCallback((a: Annotation) => {
    window.getSelection()?.removeAllRanges();
    setSelected({ id: a.id, focusToken: 0 });
    setRevealAt(placeOf(a));
  }, []);
  const queue = useReview({ snapshotId, annotations, selectedAnnotation, setSelected, show, focusArticle });

  useKeyboard(
    readerBindings(
      {
        selected: () => selectedAnnotation,
        tag,
        find: () => setFinding(Date.now()),
        moveSelection,
        step,
        edit: (a) => setSelected({ id: a.id, focusToken: Date.now() }),
        verdict: (a) => (a.kind === 'claim' ? setVerdictToken(Date.now()) : notify(m.onlyClaimsVerdict)),
        pickTags: () => setDialog('tags'),
        pickLink: () => setDialog('link'),
        accept: (a) => (a.kind === 'figure' && offered(a, figures).length === 0 && a.origin.type !== 'suggested' ? notify(m.nothingToAccept) : accept(a)),
        remove,
        deselect: () => {
          setSelected(null);
          selection.clear();
        },
      },
      queue.keys,
    ),
  );

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
  const selectFound = (found: { start: number; end: number }) => {
    if (!articleRef.current) return;
    setSelected(null);
    focusArticle();
    selection.selectFound(found);
  };

  return (
    <div className="reader">
      <div className="reader-main">
        <TagToolbar onTag={tag} onFind={() => setFinding(Date.now())} onSuggest={() => setDialog('suggest')} />
        <ReviewBar
          pending={queue.pending}
          current={selectedAnnotation}
          reviewing={queue.reviewing}
          onStart={queue.start}
          onStop={queue.stop}
          onStep={queue.step}
          onDecide={queue.decide}
          onEdit={queue.edit}
          onAcceptAll={queue.acceptAll}
        />
        {finding ? (
          <FindBar
            focusToken={finding}
            snapshotId={snapshotId}
            onSelect={selectFound}
            onClose={() => {
              setFinding(0);
              focusArticle();
            }}
          />
        ) : null}
        <div className="reader-scroll">
          <div ref={flashRef} className="reader-flash-layer" aria-hidden="true" />
          <ReaderHeader snapshot={snapshot} text={text} record={record} />
          <Versions snapshot={snapshot} />
          <Article
            ref={articleRef}
            snapshotId={snapshotId}
            text={text}
            lang={voice.lang}
            dir={voice.dir}
            dirCorrected={voice.dirCorrected}
            title={snapshot.title}
            blocks={snapshot.blocks}
            images={snapshot.images}
            missingImages={snapshot.missingImages}
            spans={spans}
            lanes={lanes}
            selectedId={selectedId}
            figures={figureMarks}
            onTagFigure={tagFigure}
            onSelectAnnotation={selectFigure}
            onClick={onClick}
            onMouseDown={selection.onMouseDown}
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
      {dialog === 'suggest' ? (
        <SuggestDialog
          snapshotId={snapshotId}
          onSuggested={queue.startWith}
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
