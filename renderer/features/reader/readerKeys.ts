/**
 * The reader's keys: tag with Q, C, F or N; find with /; widen or narrow by words with
 * Shift+arrows; J/K (or ] and [) move between annotations; Enter or E edits, V the verdict,
 * T tags, L links, A accepts, Delete deletes, Esc deselects. Only the map: what each key does
 * is the reader's (tagging, selection).
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

const FIND = 'Find in the article (“first words … last words” finds a passage)';

export function readerBindings(act: ReaderActions): Binding[] {
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
