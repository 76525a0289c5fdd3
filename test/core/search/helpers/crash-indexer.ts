/**
 * Child process for the crash test: rebuilds the index, or applies updates, forever, after
 * printing "working"; the test kills it with SIGKILL somewhere in the middle.
 *   node --import tsx crash-indexer.ts <library> <index file> rebuild|apply
 */
import { SearchEngine } from '../../../../core/search/engine.js';
import { FolderSource } from '../../../../core/search/source.js';

const [libDir, file, mode] = process.argv.slice(2);
const source = new FolderSource(libDir!);
const engine = SearchEngine.open({ file: file!, source, registries: { codebook: [], speakers: [] }, generation: 'crash-test' });
process.stdout.write('working\n');
const ids = source.snapshotIds();
for (let i = 0; ; i++) {
  if (mode === 'rebuild') engine.rebuild(`crash-${i}`, { codebook: [], speakers: [] });
  else engine.apply({ snapshots: ids, generation: `crash-${i}` });
}
