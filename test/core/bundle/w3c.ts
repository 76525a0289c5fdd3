/**
 * The W3C Web Annotation test suite's MUST assertions (JSON Schema draft-04) as a validator.
 * Loaded from ../shared/corpora/w3c-web-annotation-tests; `W3C_DIR` is null when it is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHARED = resolve(repoRoot, '../shared');
const dir = join(SHARED, 'corpora', 'w3c-web-annotation-tests');
export const W3C_DIR = existsSync(join(dir, 'annotations', 'annotationMusts.test')) ? dir : null;

export interface Failure {
  assertion: string;
  message: string;
}

export interface MustValidator {
  /** Assertion file names checked, per suite. */
  suites: Record<'annotation' | 'collection' | 'page', string[]>;
  /** The MUST assertions of one suite that the value fails (empty: conforms). */
  failures(suite: 'annotation' | 'collection' | 'page', value: unknown): Failure[];
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

export function loadMustValidator(): MustValidator {
  if (!W3C_DIR) throw new Error('W3C test suite not found');
  // Formats matter: ids must be URIs, created/modified xsd:dateTime with a time zone.
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const file of readdirSync(join(W3C_DIR, 'definitions'))) {
    if (file.endsWith('.json')) ajv.addSchema(readJson(join(W3C_DIR, 'definitions', file)));
  }
  const list = (testFile: string) => (readJson(join(W3C_DIR!, testFile)).assertions as string[]).map((a) => a.trim());
  const suites = {
    annotation: list('annotations/annotationMusts.test'),
    collection: list('collections/collectionMusts.test'),
    page: list('collections/pages/pageMusts.test'),
  };
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  for (const assertion of Object.values(suites).flat()) {
    const schema = readJson(join(W3C_DIR, assertion));
    if (schema.expectedResult !== 'valid') throw new Error(`${assertion}: unexpected expectedResult ${String(schema.expectedResult)}`);
    compiled.set(assertion, ajv.compile(schema));
  }
  return {
    suites,
    failures(suite, value) {
      const out: Failure[] = [];
      for (const assertion of suites[suite]) {
        const validate = compiled.get(assertion)!;
        if (!validate(value)) out.push({ assertion, message: ajv.errorsText(validate.errors) });
      }
      return out;
    },
  };
}
