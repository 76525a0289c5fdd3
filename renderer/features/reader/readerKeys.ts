/**
 * The reader's keys: tag with Q, C, F or N; find with /; widen or narrow by words with
 * Shift+arrows; J/K (or ] and [) move between annotations; Enter or E edits, V the verdict,
 * T tags, L links, A accepts, Delete deletes, Esc deselects. R reviews suggestions: while
 * reviewing, J/K move between suggestions, A accepts, X rejects, E edits then accepts and Esc
 * stops. Only the map: what each key does is the reader's (tagging, selection, the queue).
 */
import type { Annotation, AnnotationKind } from '../../../core/model';
import type { Direction, Edge } from '../../../core/text/navigate';
import type { Binding } from '../../app/keyboard';
import { notify } from '../../app/messages';
import { messagesNow } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { KIND_KEY, TAGGABLE_KINDS } from '../../ui/kinds';
import { readerMessages } from './messages';

export interface ReaderActions {
  /** The selected annotation, if any. */
  selected(): Annotation | null;
  tag(kind: AnnotationKind, exact: boolean): void;
  find(): void;
  /** Moves an end of the text selection, or of the selected annotation, by a word. */
  moveSelection(edge: Edge, direction: Direction): void;
  step(direction: 1 | -1): void;
  edit(a: Annotation): void;
  verdict(a: Annotation): void;
  pickTags(): void;
  pickLink(): void;
  accept(a: Annotation): void;
  remove(a: Annotation): void;
  deselect(): void;
}

/** The review queue's keys (features/suggest); `active` while the person is reviewing. */
export interface ReviewKeys {
  active: boolean;
  start(): void;
  stop(): void;
  step(direction: 1 | -1): void;
  decide(decision: 'accept' | 'reject'): void;
  edit(): void;
}

/** While reviewing these keys act on the queue and take the place of the reader's own J, K, A, E and Esc. */
function reviewBindings(review: ReviewKeys): Binding[] {
  const m = messagesNow(readerMessages);
  const REVIEW = m.groupReview;
  if (!review.active) return [{ key: 'r', run: review.start, help: { group: REVIEW, label: m.reviewStart } }];
  return [
    { key: 'j', run: () => review.step(1), help: { group: REVIEW, label: m.nextSuggestion } },
    { key: 'k', run: () => review.step(-1), help: { group: REVIEW, label: m.previousSuggestion } },
    { key: 'a', run: () => review.decide('accept'), help: { group: REVIEW, label: m.acceptSuggestion } },
    { key: 'x', run: () => review.decide('reject'), help: { group: REVIEW, label: m.rejectSuggestion } },
    { key: 'e', run: review.edit, help: { group: REVIEW, label: m.editSuggestion } },
    { key: 'escape', run: review.stop, help: { group: REVIEW, label: m.stopReviewing, keys: 'Esc' } },
  ];
}

/** The key map in the window's language at the time of the call (the reader calls it on every render). */
export function readerBindings(act: ReaderActions, review?: ReviewKeys): Binding[] {
  const own = ownBindings(act);
  if (!review) return own;
  const queue = reviewBindings(review);
  const taken = new Set(queue.map((b) => b.key));
  // The reader's binding of a key the queue takes is left out, so the shortcut sheet lists each key once.
  return [...queue, ...own.filter((b) => !(taken.has(b.key) && !b.mod && !b.shift))];
}

function ownBindings(act: ReaderActions): Binding[] {
  const m = messagesNow(readerMessages);
  const needs = (what: string, run: (a: Annotation) => void) => () => {
    const a = act.selected();
    if (a) run(a);
    else notify(m.selectFirst(what));
  };
  const FIND = m.findHelp;
  const SELECT = m.groupFind;
  const MOVE = m.groupMove;
  const EDIT = messagesNow(commonMessages).edit;
  return [
    ...TAGGABLE_KINDS.map((kind) => ({
      key: KIND_KEY[kind].toLowerCase(),
      run: (e: KeyboardEvent) => act.tag(kind, e.altKey),
      help: { group: m.groupTag, label: m.tagAs(kind) },
    })),
    { key: '/', run: act.find, help: { group: SELECT, label: FIND } },
    { key: 'f', mod: true, inFields: true, run: act.find, help: { group: SELECT, label: FIND } },
    {
      key: 'arrowright',
      shift: true,
      alt: false,
      run: () => act.moveSelection('end', 'grow'),
      help: { group: SELECT, label: m.growEnd },
    },
    {
      key: 'arrowleft',
      shift: true,
      alt: false,
      run: () => act.moveSelection('end', 'shrink'),
      help: { group: SELECT, label: m.shrinkEnd },
    },
    {
      key: 'arrowleft',
      shift: true,
      alt: true,
      run: () => act.moveSelection('start', 'grow'),
      help: { group: SELECT, label: m.growStart },
    },
    {
      key: 'arrowright',
      shift: true,
      alt: true,
      run: () => act.moveSelection('start', 'shrink'),
      help: { group: SELECT, label: m.shrinkStart },
    },
    { key: 'j', run: () => act.step(1), help: { group: MOVE, label: m.nextAnnotation } },
    { key: 'k', run: () => act.step(-1), help: { group: MOVE, label: m.previousAnnotation } },
    { key: ']', run: () => act.step(1), help: { group: MOVE, label: m.nextAnnotation } },
    { key: '[', run: () => act.step(-1), help: { group: MOVE, label: m.previousAnnotation } },
    {
      key: 'enter',
      when: (e) => !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement),
      run: needs(m.thenEnterEdit, act.edit),
      help: { group: EDIT, label: m.editFields },
    },
    { key: 'e', run: needs(m.thenEEdit, act.edit), help: { group: EDIT, label: m.editFields } },
    { key: 'v', run: needs(m.thenVerdict, act.verdict), help: { group: EDIT, label: m.verdictHelp } },
    { key: 't', run: needs(m.thenTag, act.pickTags), help: { group: EDIT, label: m.tagsHelp } },
    { key: 'l', run: needs(m.thenLink, act.pickLink), help: { group: EDIT, label: m.linkHelp } },
    { key: 'a', run: needs(m.thenAccept, act.accept), help: { group: EDIT, label: m.acceptHelp } },
    { key: 'delete', run: needs(m.thenDelete, act.remove), help: { group: EDIT, label: m.deleteHelp } },
    { key: 'backspace', run: needs(m.thenDelete, act.remove), help: { group: EDIT, label: m.deleteHelp } },
    { key: 'escape', run: act.deselect, help: { group: MOVE, label: m.deselect, keys: 'Esc' } },
  ];
}
