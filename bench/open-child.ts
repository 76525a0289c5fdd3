/** For bench/store.ts: times openLibrary() in a fresh process and prints "openMs N". */
import { openLibrary } from '../core/store/index.js';

const dir = process.argv[2]!;
const t0 = performance.now();
const lib = await openLibrary(dir);
const openMs = performance.now() - t0;
await lib.close();
console.log(`openMs ${openMs}`);
