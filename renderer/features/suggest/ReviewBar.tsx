/**
 * The review queue above the article: how many suggestions wait (per kind), and while
 * reviewing, the current one — its kind, the fields the detector filled in, its confidence —
 * with the keys that decide it (J/K move, A accepts, X rejects, E edits then accepts).
 * "Accept all quotes…" shows what it would accept, with the count, before it does.
 */
import { useState } from 'react';
import { KIND_LABEL, KIND_NAME } from '../../../core/common/kinds';
import type { Annotation } from '../../../core/model';
import { annotationText, quotedExcerpt } from '../../ui/annotationText';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { KindBadge } from '../../ui/KindBadge';
import { plural } from '../../ui/format';
import { confidenceText, countByKind, isPending, kindPlural, reviewFields, SUGGESTED_KINDS, type SuggestedKind } from './queue';
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

export function ReviewBar({ pending, current, reviewing, onStart, onStop, onStep, onDecide, onEdit, onAcceptAll }: Props) {
  const [confirming, setConfirming] = useState<SuggestedKind | null>(null);
  const counts = countByKind(pending);
  if (!reviewing && pending.length === 0) return null;
  const shown = current && isPending(current) ? current : null;
  const position = shown ? pending.findIndex((a) => a.id === shown.id) + 1 : 0;
  const summary = SUGGESTED_KINDS.filter((k) => counts[k] > 0)
    .map((k) => plural(counts[k], KIND_LABEL[k].toLowerCase()))
    .join(' · ');

  return (
    <section className={`review-bar${reviewing ? ' is-reviewing' : ''}`} aria-label="Suggestions to review">
      <div className="review-head">
        <h2 className="review-title">
          {pending.length === 0 ? 'All suggestions reviewed' : <span data-testid="pending-count">{plural(pending.length, 'suggestion')} to review</span>}
        </h2>
        {summary ? <span className="review-kinds">{summary}</span> : null}
        <span className="review-spacer" />
        {reviewing ? (
          <button type="button" className="button button-small button-quiet" onClick={onStop} aria-keyshortcuts="Escape">
            Done reviewing <kbd>Esc</kbd>
          </button>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={onStart} aria-keyshortcuts="R">
            Review <kbd>R</kbd>
          </button>
        )}
      </div>
      {reviewing && pending.length > 0 ? (
        <>
          <div className="review-current" role="group" aria-label="Current suggestion" aria-live="polite" data-suggestion-id={shown?.id}>
            {shown ? (
              <>
                <p className="review-position">
                  <KindBadge kind={shown.kind} /> Suggestion {position} of {pending.length}
                  {confidenceText(shown) ? <span className="review-confidence">confidence {confidenceText(shown)}</span> : null}
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
              <p className="review-position muted">Press J for the next suggestion, K for the one before.</p>
            )}
          </div>
          <div className="review-actions" role="toolbar" aria-label="Review">
            <button type="button" className="button button-small" onClick={() => onStep(-1)} aria-keyshortcuts="K">
              Previous <kbd>K</kbd>
            </button>
            <button type="button" className="button button-small" onClick={() => onStep(1)} aria-keyshortcuts="J">
              Next <kbd>J</kbd>
            </button>
            <button
              type="button"
              className="button button-small button-primary"
              disabled={!shown}
              onClick={() => shown && onDecide(shown, 'accept')}
              aria-keyshortcuts="A"
            >
              Accept <kbd>A</kbd>
            </button>
            <button type="button" className="button button-small" disabled={!shown} onClick={() => shown && onEdit(shown)} aria-keyshortcuts="E">
              Edit, then accept <kbd>E</kbd>
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              disabled={!shown}
              onClick={() => shown && onDecide(shown, 'reject')}
              aria-keyshortcuts="X"
            >
              Reject <kbd>X</kbd>
            </button>
            <span className="review-spacer" />
            <span className="review-all" aria-hidden="true">
              Accept all:
            </span>
            {SUGGESTED_KINDS.filter((k) => counts[k] > 0).map((k) => (
              // The visible words are part of the name ("Accept all 4 quotes…"), as speech input needs.
              <button
                key={k}
                type="button"
                className="button button-small button-quiet"
                onClick={() => setConfirming(k)}
                aria-label={`Accept all ${plural(counts[k], KIND_NAME[k])}…`}
              >
                {plural(counts[k], KIND_NAME[k])}…
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
  const what = plural(n, `suggested ${kind}`);
  return (
    <ConfirmDialog
      title={`Accept all ${kindPlural(kind)}?`}
      confirmLabel={`Accept ${what}`}
      onConfirm={() =>
        onAccept(
          kind,
          pending.map((a) => a.id),
        )
      }
      onClose={onClose}
    >
      <p>{what} will become ordinary annotations, marked as accepted. Undo takes them all back.</p>
      <ol className="accept-all-list" aria-label={`Suggested ${kindPlural(kind)}`}>
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
