/**
 * The review queue above the article: how many suggestions wait (per kind), and while
 * reviewing, the current one — its kind, the fields the detector filled in, its confidence —
 * with the keys that decide it (J/K move, A accepts, X rejects, E edits then accepts).
 * "Accept all quotes…" shows what it would accept, with the count, before it does.
 */
import { useState } from 'react';
import type { Annotation } from '../../../core/model';
import { annotationText, quotedExcerpt } from '../../ui/annotationText';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { KindBadge } from '../../ui/KindBadge';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { formatNumber } from '../../ui/format';
import { suggestMessages } from './messages';
import { confidenceText, countByKind, isPending, reviewFields, SUGGESTED_KINDS, type SuggestedKind } from './queue';
import './suggest.css';

interface Props {
  pending: readonly Annotation[];
  /** The reader's selected annotation (the current suggestion when it is one). */
  current: Annotation | null;
  reviewing: boolean;
  onStart(): void;
  onStop(): void;
  onStep(direction: 1 | -1): void;
  onDecide(a: Annotation, decision: 'accept' | 'reject'): void;
  onEdit(a: Annotation): void;
  onAcceptAll(kind: SuggestedKind, ids: string[]): Promise<void>;
}

const EXCERPT = 110;

/** The keys that decide a suggestion, as their <kbd> shows them (not words). */
const KEY = { esc: 'Esc', r: 'R', k: 'K', j: 'J', a: 'A', e: 'E', x: 'X' } as const;

export function ReviewBar({ pending, current, reviewing, onStart, onStop, onStep, onDecide, onEdit, onAcceptAll }: Props) {
  const [confirming, setConfirming] = useState<SuggestedKind | null>(null);
  const m = useMessages(suggestMessages);
  const common = useMessages(commonMessages);
  const counts = countByKind(pending);
  const counted = (k: SuggestedKind) => common.kindCount(k, formatNumber(counts[k]), counts[k] === 1);
  if (!reviewing && pending.length === 0) return null;
  const shown = current && isPending(current) ? current : null;
  const position = shown ? pending.findIndex((a) => a.id === shown.id) + 1 : 0;
  const summary = SUGGESTED_KINDS.filter((k) => counts[k] > 0)
    .map(counted)
    .join(' · ');

  return (
    <section className={`review-bar${reviewing ? ' is-reviewing' : ''}`} aria-label={m.suggestionsToReview}>
      <div className="review-head">
        <h2 className="review-title">{pending.length === 0 ? m.allReviewed : <span data-testid="pending-count">{m.toReview(pending.length)}</span>}</h2>
        {summary ? <span className="review-kinds">{summary}</span> : null}
        <span className="review-spacer" />
        {reviewing ? (
          <button type="button" className="button button-small button-quiet" onClick={onStop} aria-keyshortcuts="Escape">
            {m.doneReviewing} <kbd>{KEY.esc}</kbd>
          </button>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={onStart} aria-keyshortcuts="R">
            {m.review} <kbd>{KEY.r}</kbd>
          </button>
        )}
      </div>
      {reviewing && pending.length > 0 ? (
        <>
          <div className="review-current" role="group" aria-label={m.currentSuggestion} aria-live="polite" data-suggestion-id={shown?.id}>
            {shown ? (
              <>
                <p className="review-position">
                  <KindBadge kind={shown.kind} /> {m.position(position, pending.length)}
                  {confidenceText(shown) ? <span className="review-confidence">{m.confidence(confidenceText(shown) ?? '')}</span> : null}
                </p>
                <p className="review-exact">{quotedExcerpt(annotationText(shown), EXCERPT)}</p>
                <dl className="review-fields">
                  {reviewFields(shown).map((f) => (
                    <div key={f.label}>
                      <dt>{f.label}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : (
              <p className="review-position muted">{m.pressJK}</p>
            )}
          </div>
          <div className="review-actions" role="toolbar" aria-label={m.reviewToolbar}>
            <button type="button" className="button button-small" onClick={() => onStep(-1)} aria-keyshortcuts="K">
              {m.previous} <kbd>{KEY.k}</kbd>
            </button>
            <button type="button" className="button button-small" onClick={() => onStep(1)} aria-keyshortcuts="J">
              {m.next} <kbd>{KEY.j}</kbd>
            </button>
            <button
              type="button"
              className="button button-small button-primary"
              disabled={!shown}
              onClick={() => shown && onDecide(shown, 'accept')}
              aria-keyshortcuts="A"
            >
              {m.accept} <kbd>{KEY.a}</kbd>
            </button>
            <button type="button" className="button button-small" disabled={!shown} onClick={() => shown && onEdit(shown)} aria-keyshortcuts="E">
              {m.editThenAccept} <kbd>{KEY.e}</kbd>
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              disabled={!shown}
              onClick={() => shown && onDecide(shown, 'reject')}
              aria-keyshortcuts="X"
            >
              {m.reject} <kbd>{KEY.x}</kbd>
            </button>
            <span className="review-spacer" />
            <span className="review-all" aria-hidden="true">
              {m.acceptAll}
            </span>
            {SUGGESTED_KINDS.filter((k) => counts[k] > 0).map((k) => (
              // The visible words are part of the name ("Accept all 4 quotes…"), as speech input needs.
              <button
                key={k}
                type="button"
                className="button button-small button-quiet"
                onClick={() => setConfirming(k)}
                aria-label={m.acceptAllName(counted(k))}
              >
                {m.acceptAllButton(counted(k))}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {confirming ? (
        <AcceptAllDialog kind={confirming} pending={pending.filter((a) => a.kind === confirming)} onAccept={onAcceptAll} onClose={() => setConfirming(null)} />
      ) : null}
    </section>
  );
}

/** A look at every suggestion of a kind before accepting them all: the count, and each with its fields. */
function AcceptAllDialog({
  kind,
  pending,
  onAccept,
  onClose,
}: {
  kind: SuggestedKind;
  pending: readonly Annotation[];
  onAccept(kind: SuggestedKind, ids: string[]): Promise<void>;
  onClose(): void;
}) {
  const n = pending.length;
  const m = useMessages(suggestMessages);
  return (
    <ConfirmDialog
      title={m.acceptAllTitle(kind)}
      confirmLabel={m.acceptSuggested(n, kind)}
      onConfirm={() =>
        onAccept(
          kind,
          pending.map((a) => a.id),
        )
      }
      onClose={onClose}
    >
      <p>{m.willBecome(n, kind)}</p>
      <ol className="accept-all-list" aria-label={m.suggestedList(kind)}>
        {pending.map((a) => (
          <li key={a.id}>
            <span className="accept-all-exact">{quotedExcerpt(annotationText(a), 90)}</span>{' '}
            <span className="muted">
              {reviewFields(a)
                .filter((f) => f.value !== '—')
                .map((f) => `${f.label}: ${f.value}`)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ol>
    </ConfirmDialog>
  );
}
