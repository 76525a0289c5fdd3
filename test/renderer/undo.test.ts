// @vitest-environment happy-dom
/**
 * The window's undo stack against real core: the page's client talks to a temp library
 * through a bridge built as the Playwright harness builds it (dispatch, envelopes, events).
 * Order of perform/undo/redo, labels, redo cleared by a new action, a failed step leaving the
 * stack usable, and the typed change events each step makes core send (which views refresh from).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, dispatch, windowOps } from '../../core/api.js';
import type { LibraryChange } from '../../core/api/events.js';
import type { CodeTag } from '../../core/model/index.js';
import { onLibraryChange } from '../../renderer/app/events';
import { UndoStack, type Change, type MutationResult } from '../../renderer/app/undo';
import { glossa } from '../../renderer/glossa';
import { openSession, type Session } from '../core/api/helpers.js';

let s: Session;
const listeners = new Set<(event: unknown) => void>();

beforeAll(() => {
  // One bridge for the file (the client is made once per page); it serves the current session.
  window.glossaBridge = {
    ops: windowOps,
    invoke: (name, input) => dispatch(api, { ...s.ctx, emit: (e) => listeners.forEach((l) => l(e)) }, name, input, { windowOnly: true }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
});
afterAll(() => {
  delete window.glossaBridge;
});

let stack: UndoStack;
let changes: LibraryChange[][];
let stop: () => void;
beforeEach(async () => {
  s = await openSession();
  stack = new UndoStack();
  changes = [];
  stop = onLibraryChange((c) => changes.push(c));
});
afterEach(async () => {
  stop();
  await s.close();
});

const addTag = (name: string, parentId?: string) => stack.perform(() => glossa().createTag({ name, parentId }) as Promise<MutationResult<{ tag: CodeTag }>>);
const names = async () => (await glossa().listCodebook({})).map((t) => t.name);
const labels = () => {
  const { undoLabel, redoLabel, busy } = stack.state.get();
  return { undoLabel, redoLabel, busy };
};

describe('the undo stack', () => {
  it('undoes in reverse order and redoes in order, with the action’s label both ways', async () => {
    await addTag('Policing');
    await addTag('Budget');
    await addTag('Housing');
    expect(labels()).toEqual({ undoLabel: 'add tag “Housing”', redoLabel: null, busy: false });

    expect(await stack.undo()).toMatchObject({ via: 'undo', label: 'add tag “Housing”' });
    expect(await stack.undo()).toMatchObject({ via: 'undo', label: 'add tag “Budget”' });
    expect(await names()).toEqual(['Policing']);
    expect(labels()).toEqual({ undoLabel: 'add tag “Policing”', redoLabel: 'add tag “Budget”', busy: false });

    expect(await stack.redo()).toMatchObject({ via: 'redo', label: 'add tag “Budget”' });
    expect((await names()).sort()).toEqual(['Budget', 'Policing']);
    expect(labels()).toEqual({ undoLabel: 'add tag “Budget”', redoLabel: 'add tag “Housing”', busy: false });
  });

  it('a new action clears redo', async () => {
    await addTag('Policing');
    await stack.undo();
    expect(labels().redoLabel).toBe('add tag “Policing”');
    await addTag('Budget');
    expect(labels()).toEqual({ undoLabel: 'add tag “Budget”', redoLabel: null, busy: false });
    expect(await stack.redo()).toBeNull();
    expect(await names()).toEqual(['Budget']);
  });

  it('an undo pressed before the edit has answered waits for it, then undoes it', async () => {
    const adding = addTag('Policing');
    const undoing = stack.undo();
    expect(labels().busy).toBe(true);
    await adding;
    expect(await undoing).toMatchObject({ via: 'undo', label: 'add tag “Policing”' });
    expect(await names()).toEqual([]);
    expect(labels()).toEqual({ undoLabel: null, redoLabel: 'add tag “Policing”', busy: false });
  });

  it('nothing to undo or redo resolves to null and changes nothing', async () => {
    expect(await stack.undo()).toBeNull();
    expect(await stack.redo()).toBeNull();
    expect(labels()).toEqual({ undoLabel: null, redoLabel: null, busy: false });
    expect(changes).toEqual([]);
  });

  it('a failed redo rejects with core’s error and its label, drops that step, and leaves the stack usable', async () => {
    await addTag('Budget');
    const speaker = await stack.perform(() => glossa().createSpeaker({ name: 'Oleg Chernyavsky' }));
    await stack.undo();
    // Meanwhile someone registers the same name: redoing the first registration must be refused.
    await glossa().createSpeaker({ name: 'Oleg Chernyavsky' });
    const error = (await stack.redo().catch((e: unknown) => e)) as Error & { code?: string; undoLabel?: string };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.undoLabel).toBe(`add speaker “${speaker.speaker.name}”`);
    expect(labels()).toEqual({ undoLabel: 'add tag “Budget”', redoLabel: null, busy: false });
    expect((await glossa().listSpeakers({})).map((p) => p.name)).toEqual(['Oleg Chernyavsky']);
    // The rest of the history still works.
    await stack.undo();
    expect(await names()).toEqual([]);
  });

  it('a failed action records nothing and keeps the history as it was', async () => {
    await addTag('Budget');
    await expect(addTag('Budget')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(labels()).toEqual({ undoLabel: 'add tag “Budget”', redoLabel: null, busy: false });
    expect(changes).toEqual([[{ entity: 'codebook' }]]);
  });

  it('each step makes core announce what changed; the stack tells its own listeners how', async () => {
    const seen: Change[] = [];
    const off = stack.onChange((c) => seen.push(c));
    const { snapshotId } = await glossa().importText({ text: 'A title\n\nThe council postponed the vote.', title: 'A title' });
    const tag = (await addTag('Delay')).tag;
    const start = 'A title\n\nThe council '.length;
    const claim = await stack.perform(() => glossa().createAnnotation({ snapshotId, kind: 'claim', start, end: start + 9, tags: [tag.id] }));
    changes.length = 0;

    await stack.perform(() => glossa().deleteTag({ id: tag.id }));
    const both = [{ entity: 'annotation', snapshotId, ids: [claim.id] }, { entity: 'codebook' }];
    expect(changes).toEqual([both]);
    await stack.undo();
    await stack.redo();
    expect(changes).toEqual([both, both, both]);
    expect(seen.map((c) => [c.via, c.label])).toEqual([
      ['do', 'add tag “Delay”'],
      ['do', 'tag claim'],
      ['do', 'delete tag “Delay”'],
      ['undo', 'delete tag “Delay”'],
      ['redo', 'delete tag “Delay”'],
    ]);
    off();
  });
});
