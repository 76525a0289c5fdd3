/**
 * share, clone, sync, history: a library shared through a git host (core/sync). The access
 * token comes from GLOSSA_GIT_TOKEN; the user's name (glossa config set name) signs commits.
 */
import type { Command } from 'commander';
import type { OpOutput } from '../../core/api.js';
import { CliError, usageError } from '../errors.js';
import { globals } from '../options.js';
import type { Output } from '../output.js';
import { withLibrary, type Session } from '../session.js';

type Report = OpOutput<'syncNow'>;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function printReport(out: Output, r: Report): void {
  out.line(`Synced with ${r.remote}.`);
  out.line(r.committed ? `  Committed your changes: ${r.committed}.` : '  Nothing new here to commit.');
  const b = r.brought;
  if (b) {
    const parts = [
      b.articles && `${plural(b.articles, 'article')} new`,
      b.annotations.added && `${plural(b.annotations.added, 'annotation')} added`,
      b.annotations.updated && `${b.annotations.updated} changed`,
      b.annotations.deleted && `${b.annotations.deleted} deleted`,
      b.articleChanges.deleted.length && `${plural(b.articleChanges.deleted.length, 'article')} moved to the trash`,
      b.articleChanges.updated.length && `${plural(b.articleChanges.updated.length, 'article')} with new details`,
    ].filter(Boolean);
    out.line(`  From the remote: ${parts.length ? parts.join(', ') : 'registry changes only'}.`);
    if (b.conflicts.length)
      out.line(`  ${plural(b.conflicts.length, 'annotation')} changed on both sides: both versions are kept side by side (glossa conflicts).`);
    if (b.articleChanges.deletionConflicts.length)
      out.line(`  ${plural(b.articleChanges.deletionConflicts.length, 'article')} deleted there but edited here: kept for you to decide.`);
    for (const note of b.notes) out.line(`  Note: ${note}`);
  } else out.line('  Nothing new on the remote.');
  out.line(r.pushed ? '  Pushed.' : '  The remote already had everything.');
}

/**
 * Runs one sync operation on the library with its steps on stderr (what it is doing while the
 * network is slow; --json keeps stdout for the result), then prints the report.
 */
async function syncing(cmd: Command, out: Output, call: (session: Session) => Promise<Report>): Promise<void> {
  const opts = globals(cmd);
  await withLibrary(opts, out.io.env, async (session) => {
    session.ctx.emit = (e) => {
      if (e.type === 'progress' && e.task === 'sync' && e.done < e.total) out.warn(`sync: ${e.label}…`);
    };
    const r = await call(session);
    if (opts.json) out.json(r);
    else printReport(out, r);
  });
}

export function registerSyncCommands(program: Command, out: Output): void {
  program
    .command('share')
    .description('share this library through a git repository (an HTTPS address on any git host): commits it and pushes it there')
    .argument('<url>', 'the repository address, e.g. https://github.com/desk/archive.git (token: $GLOSSA_GIT_TOKEN)')
    .action((url: string, _o, cmd: Command) => syncing(cmd, out, (session) => session.call('shareLibrary', { url })));

  program
    .command('clone')
    .description('start a new library (--library DIR) from a shared one')
    .argument('<url>', 'the repository address (token: $GLOSSA_GIT_TOKEN)')
    .action(async (url: string, _o, cmd: Command) => {
      if (!globals(cmd).library && !out.io.env.GLOSSA_LIBRARY) throw usageError('say where the new library goes: glossa clone <url> --library DIR');
      await syncing(cmd, out, async (session) => {
        const status = await session.call('syncStatus', {});
        if (status.shared || session.ctx.library.listSnapshots().length > 0)
          throw new CliError('INVALID_INPUT', `${session.ctx.library.dir} already holds a library; clone into a new, empty folder (--library DIR).`);
        return session.call('shareLibrary', { url });
      });
    });

  program
    .command('sync')
    .description('commit your changes, fetch and merge your colleagues’ (Glossa’s own merge: conflicts kept side by side), push')
    .action((_o, cmd: Command) => syncing(cmd, out, (session) => session.call('syncNow', {})));

  program
    .command('history')
    .description('who changed an annotation, what and when (from the shared library’s repository)')
    .argument('<annotation-id>')
    .action(async (id: string, _o, cmd: Command) => {
      const opts = globals(cmd);
      await withLibrary(opts, out.io.env, async (session) => {
        const where = await session.ctx.library.locateAnnotations(new Set([id]), new Set());
        const snapshotId = where.get(id);
        if (!snapshotId) throw new CliError('NOT_FOUND', `No annotation ${id} in this library (glossa annotations <snapshot-id> lists them).`);
        const entries = await session.call('annotationHistory', { snapshotId, annotationId: id });
        if (opts.json) return out.json({ annotationId: id, snapshotId, history: entries });
        if (!entries.length) return out.line(`No committed history for ${id} yet (the library is not shared, or not synced since it was made).`);
        for (const e of entries) {
          const what = e.change === 'changed' ? `changed ${e.fields.join(', ') || 'its position'}` : e.change;
          out.line(
            `${e.at}  ${e.author.name} <${e.author.email}>  ${what}${e.modifiedBy && e.modifiedBy !== e.author.name ? ` (by ${e.modifiedBy})` : ''}  ${e.commit.slice(0, 10)}`,
          );
        }
      });
    });
}
