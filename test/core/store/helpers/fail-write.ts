/**
 * Child process for the failed-write test, run under a small `ulimit -f` so the disk write
 * itself fails half-way (EFBIG), as a full disk would. Prints the error code it got.
 *   node --import tsx fail-write.ts <file>
 */
import { DurableJSONFile } from '../../../../core/store/durable-file.js';
import { bigDocument } from './big-document.js';

const [file] = process.argv.slice(2);
try {
  await new DurableJSONFile(file!).write(bigDocument(99, 20_000));
  console.log('result written');
} catch (e) {
  console.log(`result ${(e as { code?: string }).code} ${(e as Error).message}`);
}
