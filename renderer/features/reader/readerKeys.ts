/**
 * The reader's keys: tag with Q, C, F or N; find with /; widen or narrow by words with
 * Shift+arrows; J/K (or ] and [) move between annotations; Enter or E edits, V the verdict,
 * T tags, L links, A accepts, Delete deletes, Esc deselects. R reviews suggestions: while
 * reviewing, J/K move between suggestions, A accepts, X rejects, E edits then accepts and Esc
 * stops. Only the map: what each key does is the reader's (tagging, selection, the queue).
 */
import { KIND_NAME } from '../../../core/common/kinds';
import type { Annotation, AnnotationKind } from '../../../core/model';
import type { Direction, Edge } from '../../../core/text/navigate';
import type { Binding } from '../../app/keyboard';
import { notify } from '../../app/messages';
import { KIND_KEY, TAGGABLE_KINDS } from '../../ui/kinds';

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

const REVIEW = 'Review suggestions';

/** While reviewing these keys act on the queue and take the place of the reader's own J, K, A, E and Esc. */
function reviewBindings(review: ReviewKeys): Binding[] {
  if (!review.active) return [{ key: 'r', run: review.start, help: { group: REVIEW, label: 'Review the suggestions waiting in this article' } }];
  return [
    { key: 'j', run: () => review.step(1), help: { group: REVIEW, label: 'Next suggestion' } },
    { key: 'k', run: () => review.step(-1), help: { group: REVIEW, label: 'Previous suggestion' } },
    { key: 'a', run: () => review.decide('accept'), help: { group: REVIEW, label: 'Accept the suggestion' } },
    { key: 'x', run: () => review.decide('reject'), help: { group: REVIEW, label: 'Reject the suggestion (Ctrl+Z brings it back)' } },
    { key: 'e', run: review.edit, help: { group: REVIEW, label: 'Edit the suggestion’s fields; saving a field accepts it' } },
    { key: 'escape', run: review.stop, help: { group: REVIEW, label: 'Stop reviewing', keys: 'Esc' } },
  ];
}

const FIND = 'Find in the article (“first words … last words” finds a passage)';

export function readerBindings(act: ReaderActions, review?: ReviewKeys): Binding[] {
  const own = ownBindings(act);
  if (!review) return own;
  const queue = reviewBindings(review);
  const taken = new Set(queue.map((b) => b.key));
  // The reader's binding of a key the queue takes is left out, so the shortcut sheet lists each key once.
  return [...queue, ...own.filter((b) => !(taken.has(b.key) && !b.mod && !b.shift))];
}

function ownBindings(act: ReaderActions): Binding[] {
  const needs = (what: string, run: (a: Annotation) => void) => () => {
    const a = act.selected();
    if (a) run(a);
    else notify(`Select an annotation first (J and K move between them), then ${what}.`);
  };
  return [
    ...TAGGABLE_KINDS.map((kind) => ({
      key: KIND_KEY[kind].toLowerCase(),
      run: (e: KeyboardEvent) => act.tag(kind, e.altKey),
      help: { group: 'Tag', label: `Tag the selection as a ${KIND_NAME[kind]} (with Alt: exactly as selected)` },
    })),
    { key: '/', run: act.find, help: { group: 'Find and select', label: FIND } },
    { key: 'f', mod: true, inFields: true, run: act.find, help: { group: 'Find and select', label: FIND } },
    {
      key: 'arrowright',
      shift: true,
      alt: false,
      run: () => act.moveSelection('end', 'grow'),
      help: { group: 'Find and select', label: 'Extend the selection or annotation by a word at its end' },
    },
    {
      key: 'arrowleft',
      shift: true,
      alt: false,
      run: () => act.moveSelection('end', 'shrink'),
      help: { group: 'Find and select', label: 'Shrink it by a word at its end' },
    },
    {
      key: 'arrowleft',
      shift: true,
      alt: true,
      run: () => act.moveSelection('start', 'grow'),
      help: { group: 'Find and select', label: 'Extend it by a word at its start' },
    },
    {
      key: 'arrowright',
      shift: true,
      alt: true,
      run: () => act.moveSelection('start', 'shrink'),
      help: { group: 'Find and select', label: 'Shrink it by a word at its start' },
    },
    { key: 'j', run: () => act.step(1), help: { group: 'Move', label: 'Next annotation' } },
    { key: 'k', run: () => act.step(-1), help: { group: 'Move', label: 'Previous annotation' } },
    { key: ']', run: () => act.step(1), help: { group: 'Move', label: 'Next annotation' } },
    { key: '[', run: () => act.step(-1), help: { group: 'Move', label: 'Previous annotation' } },
    {
      key: 'enter',
      when: (e) => !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement),
      run: needs('press Enter to edit its fields', act.edit),
      help: { group: 'Edit', label: 'Edit the selected annotation’s fields' },
    },
    { key: 'e', run: needs('press E to edit its fields', act.edit), help: { group: 'Edit', label: 'Edit the selected annotation’s fields' } },
    { key: 'v', run: needs('press V for its verdict', act.verdict), help: { group: 'Edit', label: 'Verdict of the selected claim' } },
    { key: 't', run: needs('press T to tag it', act.pickTags), help: { group: 'Edit', label: 'Codebook tags of the selected annotation (then a tag’s key)' } },
    { key: 'l', run: needs('press L to link it', act.pickLink), help: { group: 'Edit', label: 'Link the selected annotation to another' } },
    { key: 'a', run: needs('press A to accept it', act.accept), help: { group: 'Edit', label: 'Accept what the text gives a figure (or a suggestion)' } },
    { key: 'delete', run: needs('press Delete', act.remove), help: { group: 'Edit', label: 'Delete the selected annotation (to the trash)' } },
    { key: 'backspace', run: needs('press Delete', act.remove), help: { group: 'Edit', label: 'Delete the selected annotation (to the trash)' } },
    { key: 'escape', run: act.deselect, help: { group: 'Move', label: 'Deselect', keys: 'Esc' } },
  ];
}
