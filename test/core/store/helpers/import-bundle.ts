/**
 * Child process for the import crash test: opens a library, prints "importing", imports a
 * bundle, prints "imported". The parent kills it at a random moment in between.
 *   node --import tsx import-bundle.ts <library> <bundle>
 */
import { importBundle } from '../../../../core/bundle/index.js';
import { openLibrary } from '../../../../core/store/index.js';

const [dir, bundle] = process.argv.slice(2);
const lib = await openLibrary(dir!);
process.stdout.write('importing\n');
await importBundle(lib, bundle!);
process.stdout.write('imported\n');
await lib.close();
