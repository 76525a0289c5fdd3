/**
 * Child process for the crash test: writes ever newer versions of a large JSON file through
 * the durable adapter, forever, printing "begin N" and "done N" around each write.
 *   node --import tsx crash-writer.ts <file> <first version>
 */
import { Low } from 'lowdb';
import { DurableJSONFile } from '../../../../core/store/durable-file.js';
import { bigDocument, type BigDocument } from './big-document.js';

const [file, first] = process.argv.slice(2);
const db = new Low<BigDocument>(new DurableJSONFile<BigDocument>(file!), bigDocument(0));
for (let version = Number(first); ; version++) {
  db.data = bigDocument(version);
  process.stdout.write(`begin ${version}\n`);
  await db.write();
  process.stdout.write(`done ${version}\n`);
}
