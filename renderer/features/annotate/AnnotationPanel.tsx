/** The side panel: annotations in text order; the selected one opens its editor. */
import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../core/model';
import { KindBadge } from '../../ui/KindBadge';
import { plural } from '../../ui/format';
import { KIND_KEY, KIND_LABEL, TAGGABLE_KINDS } from '../../ui/kinds';
import { AnnotationEditor } from './AnnotationEditor';
import { summarize } from './fields';
import './annotate.css';

interface Props {
  annotations: Annotation[];
  loaded: boolean;
  selectedId: string | null;
  focusToken: number;
  onSelect(id: string): void;
  onDone(): void;
  onDelete(annotation: Annotation): void;
}

const EXCERPT = 140;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);

export function AnnotationPanel({ annotations, loaded, selectedId, focusToken, onSelect, onDone, onDelete }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const counts = TAGGABLE_KINDS.map((kind) => ({ kind, n: annotations.filter((a) => a.kind === kind).length }));

  // Keep the open editor in view when the selection comes from the article.
  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="side-panel" aria-labelledby="panel-title">
      <div className="panel-head">
        <h2 id="panel-title">Annotations</h2>
        <span className="panel-count" aria-label={plural(annotations.length, 'annotation')}>
          {annotations.length}
        </span>
      </div>
      <p className="panel-kinds">
        {counts.map(({ kind, n }) => (
          <span key={kind} className={`panel-kind kind-text-${kind}`}>
            {plural(n, KIND_LABEL[kind].toLowerCase())}
          </span>
        ))}
      </p>
      {loaded && annotations.length === 0 ? (
        <p className="panel-empty">
          Select words in the article, then press <kbd>{KIND_KEY.quote}</kbd> for a quote, <kbd>{KIND_KEY.claim}</kbd> for a claim or{' '}
          <kbd>{KIND_KEY.figure}</kbd> for a figure.
        </p>
      ) : null}
      <ol className="annotation-list" aria-label="Annotations" ref={listRef}>
        {annotations.map((a) => {
          const selected = a.id === selectedId;
          const summary = summarize(a.fields, a.kind);
          return (
            <li key={a.id} className={selected ? 'annotation-item is-selected' : 'annotation-item'} data-annotation-id={a.id}>
              <button type="button" className="annotation-summary" aria-expanded={selected} onClick={() => onSelect(a.id)}>
                <span className="summary-top">
                  <KindBadge kind={a.kind} />
                  {summary ? <span className="summary-fields">{summary}</span> : <span className="summary-fields summary-missing">No details yet</span>}
                </span>
                <span className={`summary-exact exact-${a.kind}`}>{excerpt(a.target.quote.exact)}</span>
              </button>
              {selected ? <AnnotationEditor annotation={a} focusToken={focusToken} onDone={onDone} onDelete={onDelete} /> : null}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
