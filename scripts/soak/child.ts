/**
 * The process the soak kills: opens a library and runs one kind of work in a loop through
 * core/api's dispatch (as the window and the CLI do), printing `ack <json>` after each
 * operation resolved, so the parent knows what was acknowledged before the SIGKILL.
 * Usage: tsx scripts/soak/child.ts <library> <scenario> <work folder> <pages folder>
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { api, dispatch, type Context } from '../../core/api.js';
import { openLibrary } from '../../core/store/index.js';

const [dir, scenario, work, pages] = process.argv.slice(2) as [string, string, string, string];
const library = await openLibrary(dir);
const say = (line: string) => process.stdout.write(`${line}\n`);
// Progress within one long operation (files of an import, members of a bundle): where the kill landed.
const ctx: Context = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: (e) => e.type === 'progress' && say('progress') };

async function call<T>(name: string, input: unknown): Promise<T> {
  const out = await dispatch(api as never, ctx, name, input, { windowOnly: false });
  if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
  return out.value as T;
}

const live = () => library.listSnapshots().filter((r) => !r.article?.deletedAt);
say('ready');

if (scenario === 'import') {
  const results = await call<{ ok: boolean }[]>('importPaths', { paths: [pages] });
  say(`ack ${JSON.stringify({ imported: results.filter((r) => r.ok).length })}`);
} else if (scenario === 'tagging') {
  // Each annotation carries its revision in two fields: a torn write could not keep them equal.
  const rows = live();
  for (let i = 0; ; i++) {
    const row = rows[i % rows.length]!;
    const anns = await library.listAnnotations(row.id);
    const mine = anns.filter((a) => a.comment.startsWith('rev:'));
    const pick = mine[i % Math.max(1, mine.length)];
    if (!pick || i % 5 === 0) {
      const id = randomUUID();
      say(`intent ${JSON.stringify({ id, rev: 0 })}`);
      await call('createAnnotation', { id, snapshotId: row.id, kind: 'note', start: 0, end: 5, comment: 'rev:0', tags: ['soak-rev-0'] });
      say(`ack ${JSON.stringify({ id, rev: 0 })}`);
    } else if (i % 7 === 0) {
      say(`intent ${JSON.stringify({ id: pick.id, deleted: true })}`);
      await call('deleteAnnotation', { snapshotId: row.id, id: pick.id });
      say(`ack ${JSON.stringify({ id: pick.id, deleted: true })}`);
    } else {
      const rev = Number(pick.comment.slice(4)) + 1;
      say(`intent ${JSON.stringify({ id: pick.id, rev })}`);
      await call('updateAnnotation', { snapshotId: row.id, id: pick.id, patch: { comment: `rev:${rev}`, tags: [`soak-rev-${rev}`] } });
      say(`ack ${JSON.stringify({ id: pick.id, rev })}`);
    }
  }
} else if (scenario === 'export') {
  for (;;) {
    await call('exportBundle', { path: join(work, 'out.glossa'), includeImages: true });
    say('ack {}');
  }
} else if (scenario === 'import-bundle') {
  await call('importBundle', { path: join(work, 'incoming.glossa') });
  say('ack {}');
} else if (scenario === 'resolve') {
  const conflicts = await call<{ snapshotId: string; annotationId: string; others: unknown[] }[]>('listConflicts', {});
  for (const c of conflicts) {
    await call('resolveConflict', { snapshotId: c.snapshotId, annotationId: c.annotationId, version: c.others[0] });
    say(`ack ${JSON.stringify({ id: c.annotationId })}`);
  }
} else if (scenario === 'trash') {
  const ids = live().map((r) => r.id);
  await call('deleteArticles', { ids: ids.slice(0, Math.ceil(ids.length / 2)) });
  say('ack {"deleted":true}');
  await call('emptyTrash', {});
  say('ack {"emptied":true}');
}
say('finished');
await library.close();
