/**
 * What the reader asks of core for suggestions: run the detectors on an article, and accept
 * or reject what they suggested. Each is one undoable step on the window's undo stack, so
 * Ctrl+Z takes back a whole Suggest run, a reject (the suggestion comes back) or an accept.
 */
import type { Annotation, AnnotationFields } from '../../../core/model';
import { notify } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { inOrder } from '../annotate/saving';
import { addedMessage, type SuggestedKind } from './queue';

/** Runs the detectors on the article and stores what they find as suggestions; says how many. */
export async function suggest(snapshotId: string, kinds: readonly SuggestedKind[]): Promise<Annotation[]> {
  const { added, skipped } = await undoStack.perform(() => glossa().suggestAnnotations({ snapshotId, kinds: [...kinds] }));
  notify(addedMessage(added.length, skipped));
  return added;
}

export type Decision = 'accept' | 'reject';

/**
 * Accepts or rejects suggestions. One suggestion waits for the writes of it already under
 * way (a field being saved); `fields` (one suggestion only) are set as it is accepted.
 */
export function review(snapshotId: string, ids: readonly string[], decision: Decision, fields?: Partial<AnnotationFields>): Promise<Annotation[]> {
  const send = () => glossa().reviewSuggestions({ snapshotId, ids: [...ids], decision, ...(fields ? { patch: { fields } } : {}) });
  const only = ids.length === 1 ? ids[0]! : null;
  return undoStack.perform(() => (only ? inOrder(only, send) : send())).then((v) => v.annotations);
}
