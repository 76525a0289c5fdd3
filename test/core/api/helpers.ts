/** A real temp library behind the API table, called as the window calls it (dispatch, envelopes). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, dispatch, type AppEvent, type Context, type OpName, type OpOutput } from '../../../core/api.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import type { AnnotationKind } from '../../../core/model/index.js';

export interface Session {
  dir: string;
  library: LibraryStore;
  ctx: Context;
  events: AppEvent[];
  /** Answers of the next native dialogs. */
  dialogs: { open: string[]; save: string | null };
  call<N extends OpName>(name: N, input: unknown): Promise<OpOutput<N>>;
  /** Runs a mutation's inverse, as the renderer's undo stack does; returns what it returned. */
  undo(mutation: { inverse: { op: string; input: unknown } }): Promise<{ value: unknown; inverse: { op: string; input: unknown }; label: string }>;
  close(): Promise<void>;
}

export async function openSession(): Promise<Session> {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-api-'));
  const library = await openLibrary(join(dir, 'library'));
  const events: AppEvent[] = [];
  const dialogs = { open: [] as string[], save: null as string | null };
  const ctx: Context = {
    library,
    dialogs: {
      openFiles: async () => dialogs.open.splice(0),
      saveFile: async () => {
        const s = dialogs.save;
        dialogs.save = null;
        return s;
      },
    },
    emit: (e) => events.push(e),
  };
  const run = async (name: string, input: unknown) => {
    const env = await dispatch(api, ctx, name, input, { windowOnly: false });
    if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
    return env.value;
  };
  return {
    dir,
    library,
    ctx,
    events,
    dialogs,
    call: (name, input) => run(name, input) as never,
    undo: (m) => run(m.inverse.op, m.inverse.input) as never,
    async close() {
      await library.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Imports text as a snapshot; returns its id and canonical text. */
export async function addText(s: Session, text: string, title = 'Test article'): Promise<{ id: string; text: string }> {
  const out = (await s.call('importText', { text, title })) as { snapshotId: string };
  const opened = await s.call('openSnapshot', { id: out.snapshotId });
  return { id: out.snapshotId, text: opened.text };
}

/** Tags the first occurrence of `phrase` in the snapshot; returns the new annotation's id. */
export async function annotatePhrase(
  s: Session,
  snap: { id: string; text: string },
  phrase: string,
  kind: AnnotationKind,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const start = snap.text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  const created = (await s.call('createAnnotation', { snapshotId: snap.id, kind, start, end: start + phrase.length, ...extra })) as { value: { id: string } };
  return created.value.id;
}

/** Expects the promise to reject with this error code; returns the message. */
export async function rejects(p: Promise<unknown>, code: string): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
    return err.message;
  }
  throw new Error(`expected a ${code} error, but it succeeded`);
}
