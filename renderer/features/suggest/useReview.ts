/**
 * The reader's review of suggestions: whether the person is reviewing, which suggestion is
 * current (the reader's selection), and what J/K, A, X, E and Esc do to it. Deciding moves
 * the queue on at once; the decision itself goes through the undo stack (actions.ts).
 */
import { useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import type { Annotation } from '../../../core/model';
import { notify, reportError } from '../../app/messages';
import { messagesNow } from '../../i18n';
import { useEvent } from '../../ui/useEvent';
import type { ReviewKeys } from '../reader/readerKeys';
import { review, type Decision } from './actions';
import { suggestMessages } from './messages';
import { isPending, nextAfterDecision, pendingOf, stepPending, type SuggestedKind } from './queue';

interface Options {
  snapshotId: string;
  /** The reader's live annotations, in text order. */
  annotations: readonly Annotation[];
  selectedAnnotation: Annotation | null;
  setSelected: Dispatch<SetStateAction<{ id: string; focusToken: number } | null>>;
  /** Selects an annotation and scrolls the article to it. */
  show(a: Annotation): void;
  focusArticle(): void;
}

export function useReview({ snapshotId, annotations, selectedAnnotation, setSelected, show, focusArticle }: Options) {
  const [reviewing, setReviewing] = useState(false);
  const pending = useMemo(() => pendingOf(annotations), [annotations]);
  const selectedId = selectedAnnotation?.id ?? null;
  const go = (a: Annotation | null) => {
    if (a) show(a);
  };

  function start() {
    if (pending.length === 0) {
      notify(messagesNow(suggestMessages).noneToReview);
      return;
    }
    setReviewing(true);
    if (!selectedAnnotation || !isPending(selectedAnnotation)) go(stepPending(annotations, { id: selectedId }, 1));
  }

  /** After Suggest: reviewing starts at the first suggestion added, when there is one. */
  function startWith(added: readonly Annotation[]) {
    const first = [...added].sort((a, b) => a.target.position.start - b.target.position.start)[0];
    if (!first) return;
    setReviewing(true);
    show(first);
  }

  function stop() {
    setReviewing(false);
    focusArticle();
  }

  function step(direction: 1 | -1) {
    const next = stepPending(annotations, { id: selectedId }, direction);
    if (next) show(next);
    else notify(messagesNow(suggestMessages).everyReviewed);
  }

  /** Accepts or rejects a suggestion; the queue moves on to the next one at once. */
  function decide(a: Annotation, decision: Decision) {
    if (!isPending(a)) {
      const m = messagesNow(suggestMessages);
      notify(a.origin.type === 'suggested' ? m.alreadyReviewed : m.notASuggestion);
      return;
    }
    const next = nextAfterDecision(annotations, a);
    if (next) show(next);
    else setSelected(decision === 'accept' ? { id: a.id, focusToken: 0 } : null);
    review(snapshotId, [a.id], decision).catch((e: unknown) => reportError(e, messagesNow(suggestMessages).couldNotDecide(decision)));
  }

  /** E: the editor of the suggestion, its first field focused; saving a field accepts it (AnnotationEditor). */
  const edit = (a: Annotation) => setSelected({ id: a.id, focusToken: Date.now() });

  /** Runs a key's action on the current suggestion, or says how to reach one. */
  const onCurrent = (run: (a: Annotation) => void) => () => {
    if (selectedAnnotation && isPending(selectedAnnotation)) run(selectedAnnotation);
    else if (pending.length) notify(messagesNow(suggestMessages).goToOneFirst);
    else notify(messagesNow(suggestMessages).everyReviewedEsc);
  };

  /** "Accept all quotes…", once the person has looked at them (ReviewBar's dialog). */
  const acceptAll = useEvent(async (kind: SuggestedKind, ids: string[]) => {
    const start = selectedAnnotation?.target.position.start;
    await review(snapshotId, ids, 'accept');
    notify(messagesNow(suggestMessages).accepted(ids.length, kind));
    go(
      stepPending(
        annotations.filter((a) => !ids.includes(a.id)),
        { id: null, start },
        1,
      ),
    );
  });

  const keys: ReviewKeys = {
    active: reviewing,
    start,
    stop,
    step,
    decide: (decision) => onCurrent((a) => decide(a, decision))(),
    edit: onCurrent(edit),
  };

  return { reviewing, pending, keys, start, startWith, stop, step, decide, edit, acceptAll };
}
