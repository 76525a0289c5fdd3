// @vitest-environment happy-dom
/**
 * A new annotation is shown under the id the window minted and saved afterwards
 * (renderer/features/annotate/saving.ts, useAnnotations' addShown): edits made while the create
 * is in flight wait for it and reach the store, in order; a create that fails drops the shown
 * annotation, sends none of the edits waiting for it, and says why. A real library answers
 * through the real bridge and undo stack.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankAnnotation } from '../../core/common/annotation.js';
import { targetOf } from '../../core/common/targets.js';
import type { Annotation } from '../../core/model/index.js';
import { undoStack } from '../../renderer/app/undo';
import { creating, inOrder, isUnsaved } from '../../renderer/features/annotate/saving';
import { useAnnotations } from '../../renderer/features/annotate/useAnnotations';
import { glossa } from '../../renderer/glossa';
import { addText, type Session } from '../core/api/helpers.js';
import { openWindowSession } from './reader-window';

const TEXT = 'The mayor said the bridge would reopen in May. The council disagreed, and voted to wait a year.';

let s: Session;
let snapshotId: string;
let text: string;
beforeAll(async () => {
  s = await openWindowSession();
  ({ id: snapshotId, text } = await addText(s, TEXT));
});
afterAll(() => s.close());

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

const stored = async (id: string): Promise<Annotation | undefined> =>
  (await s.library.listAnnotations(snapshotId, { includeDeleted: true })).find((a) => a.id === id);
const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

/** The create the reader sends: held back until `sent` opens (the reader waits for a painted frame). */
function create(id: string, words: string, sent: Promise<void>, kind: Annotation['kind'] = 'note') {
  const { start, end } = span(words);
  return undoStack.perform(
    creating(id, async () => {
      await sent;
      return glossa().createAnnotation({ id, snapshotId, kind, start, end });
    }),
  );
}

describe('edits of an annotation whose create is in flight', () => {
  it('wait for the create and all reach the store, one after another (none lost to another)', async () => {
    const id = crypto.randomUUID();
    const send = gate();
    const saving = create(id, 'the bridge would reopen', send.opened);
    expect(isUnsaved(id)).toBe(true);
    // Typed into the editor at once (through the undo stack), and one edit outside it.
    const comment = undoStack.perform(() =>
      inOrder(id, () => glossa().updateAnnotation({ snapshotId, id, patch: { comment: 'typed before the save returned' } })),
    );
    // Outside the undo stack's queue, it would race the queued edits in core's read-modify-write.
    const kind = inOrder(id, () => glossa().updateAnnotation({ snapshotId, id, patch: { kind: 'claim' } }));
    const later = undoStack.perform(() => inOrder(id, () => glossa().updateAnnotation({ snapshotId, id, patch: { comment: 'and changed again' } })));
    await new Promise((r) => setTimeout(r, 30));
    expect(await stored(id)).toBeUndefined();

    send.open();
    const [created] = await Promise.all([saving, comment, kind, later]);
    expect(created.id).toBe(id);
    expect(isUnsaved(id)).toBe(false);
    const record = await stored(id);
    expect(record).toMatchObject({ id, kind: 'claim', comment: 'and changed again', deletedAt: null });
    expect(record!.target.quote.exact).toBe('the bridge would reopen');
    // After the create, edits go straight through.
    await inOrder(id, () => glossa().updateAnnotation({ snapshotId, id, patch: { comment: 'plain edit' } }));
    expect((await stored(id))!.comment).toBe('plain edit');
  });

  it('are refused, and none is sent, when the create fails', async () => {
    const id = crypto.randomUUID();
    const send = gate();
    // A span past the end of the text: core refuses the create.
    const saving = undoStack.perform(
      creating(id, async () => {
        await send.opened;
        return glossa().createAnnotation({ id, snapshotId, kind: 'quote', start: text.length - 2, end: text.length + 40 });
      }),
    );
    const edit = undoStack.perform(() => inOrder(id, () => glossa().updateAnnotation({ snapshotId, id, patch: { comment: 'lost' } })));
    send.open();
    await expect(saving).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(edit).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'The annotation could not be saved, so this edit was not saved either.' });
    expect(isUnsaved(id)).toBe(false);
    expect(await stored(id)).toBeUndefined();
  });

  it('a second create with an id already used is refused by core, and the first annotation is kept', async () => {
    const id = crypto.randomUUID();
    await create(id, 'The council disagreed', Promise.resolve());
    await expect(create(id, 'voted to wait a year', Promise.resolve())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await stored(id))!.target.quote.exact).toBe('The council disagreed');
  });
});

describe('the list the reader shows', () => {
  /** Mounts useAnnotations for the snapshot; `now()` is its latest answer. */
  async function mountList() {
    let latest: ReturnType<typeof useAnnotations> | null = null;
    function Probe() {
      latest = useAnnotations(snapshotId);
      return null;
    }
    const host = document.createElement('div');
    const root = createRoot(host);
    await act(async () => root.render(<Probe />));
    await act(async () => {
      while (!latest?.loaded) await new Promise((r) => setTimeout(r, 5));
    });
    return { now: () => latest!, unmount: () => act(() => root.unmount()) };
  }

  it('shows a new annotation at once under its id, and the stored record takes its place (one entry, same id)', async () => {
    const list = await mountList();
    const id = crypto.randomUUID();
    const { start, end } = span('reopen in May');
    const shown = blankAnnotation(id, snapshotId, 'quote', targetOf(text, start, end));
    const send = gate();
    const saving = create(id, 'reopen in May', send.opened, 'quote');
    await act(async () => list.now().addShown(shown, saving));
    expect(list.now().annotations.filter((a) => a.id === id)).toEqual([shown]);
    await act(async () => {
      send.open();
      await saving;
    });
    const entries = list.now().annotations.filter((a) => a.id === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).not.toBe(shown);
    expect(entries[0]).toEqual(await stored(id));
    // What was shown is what core stored, but for the time stamps.
    expect({ ...entries[0], createdAt: '', updatedAt: '' }).toEqual({ ...shown, createdAt: '', updatedAt: '' });
    list.unmount();
  });

  it('drops the shown annotation when its save fails', async () => {
    const list = await mountList();
    const before = list.now().annotations.length;
    const id = crypto.randomUUID();
    const shown = blankAnnotation(id, snapshotId, 'quote', targetOf(text, 0, 3));
    const send = gate();
    const saving = undoStack.perform(
      creating(id, async () => {
        await send.opened;
        return glossa().createAnnotation({ id, snapshotId, kind: 'quote', start: 5, end: 2 });
      }),
    );
    await act(async () => list.now().addShown(shown, saving));
    expect(list.now().annotations.some((a) => a.id === id)).toBe(true);
    await act(async () => {
      send.open();
      await saving.catch(() => undefined);
    });
    expect(list.now().annotations.some((a) => a.id === id)).toBe(false);
    expect(list.now().annotations).toHaveLength(before);
    list.unmount();
  });
});
