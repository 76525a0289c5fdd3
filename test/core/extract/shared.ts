/** Where the shared corpora live (beside the repository), and whether they are there. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const CORPORA = path.join(SHARED, 'corpora');
export const HAS_SHARED = existsSync(CORPORA);
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/html');

if (!HAS_SHARED) console.warn(`[extract tests] ${CORPORA} is absent: tests on the shared corpora are skipped.`);
