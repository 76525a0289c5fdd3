/**
 * The side panel: the article's annotations in text order (the selected one opens its
 * editor), its trash, and annotations whose place in the text was lost (orphans).
 */
import { memo, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Annotation, CodeTag, SnapshotImage } from '../../../core/model';
import { annotationText } from '../../ui/annotationText';
import { useCodebook } from '../codebook/useCodebook';
import { KindBadge } from '../../ui/KindBadge';
import { formatNumber } from '../../ui/format';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { annotateMessages } from './messages';
import { KIND_KEY, TAGGABLE_KINDS } from '../../ui/kinds';
import '../../ui/workbench-ui.css';
import { AnnotationEditor } from './AnnotationEditor';
import { summarize } from './fields';
import { OrphanList, useOrphans } from './OrphanList';
import { TrashList, useTrash } from './TrashList';
import type { FigureAnalysis } from './useFigures';
import { confidenceText, isAccepted, isPending } from '../suggest/queue';
import '../suggest/suggest.css';
import './annotate.css';

interface Props {
  snapshotId: string;
  annotations: Annotation[];
  /** The snapshot's images, to name figures tagged on them. */
  images: readonly SnapshotImage[];
  loaded: boolean;
  selectedId: string | null;
  focusToken: number;
  verdictToken: number;
  figures: FigureAnalysis | null;
  onSelect(id: string): void;
  onDone(): void;
  onDelete(annotation: Annotation): void;
  onAccept(annotation: Annotation): void;
  onPickTags(): void;
  onLink(): void;
}

const EXCERPT = 140;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);
type Tab = 'annotations' | 'trash' | 'orphans';

/** Memoised: while the reader paints a new highlight it passes the same props, and the panel is not drawn. */
export const AnnotationPanel = memo(function AnnotationPanel(props: Props) {
  const { snapshotId, annotations, loaded, selectedId, focusToken, verdictToken, figures, onDone, onDelete } = props;
  // Stable, so the memoised rows of a long list are not drawn again on every change.
  const selectRef = useRef(props.onSelect);
  selectRef.current = props.onSelect;
  const onSelect = useCallback((id: string) => selectRef.current(id), []);
  const m = useMessages(annotateMessages);
  const c = useMessages(commonMessages);
  const listRef = useRef<HTMLOListElement>(null);
  const [tab, setTab] = useState<Tab>('annotations');
  const { tags } = useCodebook();
  const trash = useTrash(snapshotId);
  const orphans = useOrphans(snapshotId, annotations);
  const counts = TAGGABLE_KINDS.map((kind) => ({ kind, n: annotations.filter((a) => a.kind === kind).length }));
  const checks = figures?.relations ?? [];

  const bodyRef = useRef<HTMLDivElement>(null);
  // The selected row is always drawn (its editor takes focus at once), even far from the scroll position.
  const selectedIndex = selectedId ? annotations.findIndex((a) => a.id === selectedId) : -1;
  const view = useWindow(annotations.length, bodyRef, selectedIndex);
  const rows: number[] = [];
  if (view.extra >= 0 && view.extra < view.first) rows.push(view.extra);
  for (let i = view.first; i < view.last; i++) rows.push(i);
  if (view.extra >= view.last) rows.push(view.extra);

  // Keep the open editor in view when the selection comes from the article, after the frame
  // that shows it (scrolling lays out the panel, which would hold that frame back).
  useEffect(() => {
    if (!selectedId) return;
    setTab('annotations');
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(
        () => listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' }),
        0,
      );
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [selectedId]);
  useEffect(() => {
    if (tab === 'orphans' && orphans.length === 0) setTab('annotations');
  }, [tab, orphans.length]);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'annotations', label: m.tabAnnotations(annotations.length) },
    { id: 'trash', label: m.tabTrash(trash.length) },
    ...(orphans.length ? [{ id: 'orphans' as const, label: m.tabOrphans(orphans.length) }] : []),
  ];

  return (
    <aside className="side-panel" aria-labelledby="panel-title">
      <div className="panel-head">
        <h2 id="panel-title">{m.panelTitle}</h2>
        <span className="panel-count" aria-label={m.annotationCount(annotations.length)}>
          {annotations.length}
        </span>
      </div>
      <p className="panel-kinds">
        {counts.map(({ kind, n }) => (
          <span key={kind} className={`panel-kind kind-text-${kind}`}>
            {c.kindCount(kind, formatNumber(n), n === 1)}
          </span>
        ))}
      </p>
      {checks.length ? (
        <p className="panel-checks" role="status" aria-label={m.figureChecks}>
          {m.figureChecksAgree(checks.filter((x) => x.agrees).length, checks.length)}
          {checks.some((x) => !x.agrees) ? <strong className="disagree">{m.figureChecksDisagree(checks.filter((x) => !x.agrees).length)}</strong> : null}
        </p>
      ) : null}
      <div className="tabs" role="tablist" aria-label={m.panelTabs}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`tabpanel-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tabpanel-annotations" aria-labelledby="tab-annotations" hidden={tab !== 'annotations'} className="panel-body" ref={bodyRef}>
        {loaded && annotations.length === 0 ? (
          <p className="panel-empty">
            {m.emptySelect}
            <kbd>/</kbd>
            {m.emptyPress}
            <kbd>{KIND_KEY.quote}</kbd>
            {m.emptyForQuote}
            <kbd>{KIND_KEY.claim}</kbd>
            {m.emptyForClaim}
            <kbd>{KIND_KEY.figure}</kbd>
            {m.emptyForFigure}
            <kbd>{KIND_KEY.note}</kbd>
            {m.emptyForNote}
            <kbd>?</kbd>
            {m.emptyEveryKey}
          </p>
        ) : null}
        <ol
          className="annotation-list"
          aria-label={m.panelTitle}
          ref={listRef}
          style={view.windowed ? { position: 'relative', paddingTop: view.padTop, paddingBottom: view.padBottom } : undefined}
        >
          {rows.map((index) => {
            const a = annotations[index]!;
            // The selected row drawn away from the rows in view sits where it belongs in the list.
            const away = index === view.extra ? awayStyle(index) : undefined;
            return a.id === selectedId ? (
              <li
                key={a.id}
                className="annotation-item is-selected"
                data-annotation-id={a.id}
                aria-posinset={index + 1}
                aria-setsize={annotations.length}
                style={away}
              >
                <Summary annotation={a} selected tags={tags} images={props.images} onSelect={onSelect} />
                <AnnotationEditor
                  annotation={a}
                  annotations={annotations}
                  images={props.images}
                  focusToken={focusToken}
                  verdictToken={verdictToken}
                  figures={figures}
                  onDone={onDone}
                  onDelete={onDelete}
                  onAccept={props.onAccept}
                  onPickTags={props.onPickTags}
                  onLink={props.onLink}
                  onSelect={onSelect}
                />
              </li>
            ) : (
              <Item key={a.id} annotation={a} tags={tags} images={props.images} onSelect={onSelect} position={index + 1} size={annotations.length} />
            );
          })}
        </ol>
      </div>
      <div role="tabpanel" id="tabpanel-trash" aria-labelledby="tab-trash" hidden={tab !== 'trash'} className="panel-body">
        <TrashList entries={trash} showSnapshot={false} />
      </div>
      {orphans.length ? (
        <div role="tabpanel" id="tabpanel-orphans" aria-labelledby="tab-orphans" hidden={tab !== 'orphans'} className="panel-body">
          <OrphanList orphans={orphans} />
        </div>
      ) : null}
    </aside>
  );
});

interface RowProps {
  annotation: Annotation;
  tags: readonly CodeTag[];
  images: readonly SnapshotImage[];
  onSelect(id: string): void;
}

function Summary({ annotation: a, selected, tags, images, onSelect }: RowProps & { selected: boolean }) {
  const m = useMessages(annotateMessages);
  const summary = summarize(a.fields, a.kind);
  return (
    <button type="button" className="annotation-summary" aria-expanded={selected} onClick={() => onSelect(a.id)}>
      <span className="summary-top">
        <KindBadge kind={a.kind} />
        <OriginChip annotation={a} />
        {summary ? <span className="summary-fields">{summary}</span> : <span className="summary-fields summary-missing">{m.noDetails}</span>}
        {a.tags.length ? (
          <span className="summary-tags" aria-label={m.tagsList(a.tags.map((t) => tags.find((x) => x.id === t)?.name ?? m.deletedTag).join(', '))}>
            {a.tags.map((t) => (
              <span key={t} className="tag-dot" style={{ background: tags.find((x) => x.id === t)?.color ?? '#9ca3af' }} />
            ))}
          </span>
        ) : null}
      </span>
      <span className={`summary-exact exact-${a.kind}${a.target.image ? ' exact-image' : ''}`}>{excerpt(annotationText(a, images))}</span>
    </button>
  );
}

/** "Suggested" (with the detector's confidence) while it waits for review, "Accepted" once a person took it. */
function OriginChip({ annotation: a }: { annotation: Annotation }) {
  const m = useMessages(annotateMessages);
  if (isPending(a)) {
    const confidence = confidenceText(a);
    return <span className="origin-chip origin-suggested">{confidence ? m.suggestedWith(confidence) : m.suggested}</span>;
  }
  return isAccepted(a) ? <span className="origin-chip origin-accepted">{m.accepted}</span> : null;
}

/** A row that is not selected: drawn again only when its annotation (or the codebook) changes. */
const Item = memo(function Item({ position, size, ...props }: RowProps & { position: number; size: number }) {
  return (
    <li
      className={isPending(props.annotation) ? 'annotation-item is-suggestion' : 'annotation-item'}
      data-annotation-id={props.annotation.id}
      aria-posinset={position}
      aria-setsize={size}
    >
      <Summary {...props} selected={false} />
    </li>
  );
});

/** Height of a closed row (fixed in annotate.css), for drawing only the rows in view of a long list. */
const ROW_HEIGHT = 82;
/** Where the selected row sits when it is drawn away from the rows in view. */
const awayStyle = (index: number) => ({ position: 'absolute' as const, top: index * ROW_HEIGHT, left: 0, right: 0 });
/** Lists up to this long are drawn whole. */
const WINDOW_FROM = 150;
const OVERSCAN = 12;

/**
 * Which rows of a long list to draw: those in view of the scrolled panel, plus some either
 * side, and the `pinned` row (the selected one) wherever it is.
 */
function useWindow(length: number, scroller: RefObject<HTMLElement | null>, pinned: number) {
  const [range, setRange] = useState({ top: 0, height: 900 });
  useEffect(() => {
    const el = scroller.current;
    if (!el || length <= WINDOW_FROM) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setRange({ top: el.scrollTop, height: el.clientHeight || 900 }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [scroller, length > WINDOW_FROM]);
  if (length <= WINDOW_FROM) return { windowed: false, first: 0, last: length, extra: -1, padTop: 0, padBottom: 0 };
  const first = Math.max(0, Math.floor(range.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(length, Math.ceil((range.top + range.height) / ROW_HEIGHT) + OVERSCAN);
  // The pinned row far from the view is drawn as well, where it belongs; the panel scrolls to it after the frame.
  const extra = pinned >= 0 && (pinned < first || pinned >= last) ? pinned : -1;

  return { windowed: true, first, last, extra, padTop: first * ROW_HEIGHT, padBottom: (length - last) * ROW_HEIGHT };
}
