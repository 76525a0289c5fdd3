/**
 * Shared by the REFI-QDA tests: XSD validation with xmllint (WebAssembly, no system binary),
 * snapshots for sample texts, and the comparison that says what a round trip must keep.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { Snapshot, type Annotation } from '../../../core/model/index.js';
import { SHARED } from '../../shared-fixtures.js';

export const REFI = resolve(SHARED, 'corpora/refi-qda');
export const HAVE_REFI = existsSync(resolve(REFI, 'schemas/Project.xsd')) && existsSync(resolve(REFI, 'schemas/Codebook.xsd'));
export const SAMPLES = resolve(REFI, 'samples');

/** xmllint's verdict on `xml` against one of the REFI schemas. */
export async function validate(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: schema === 'Project.xsd' ? 'project.qde' : 'codebook.qdc', contents: xml }],
    schema: [{ fileName: schema, contents: readFileSync(resolve(REFI, 'schemas', schema), 'utf8') }],
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function makeSnapshot(id: string, title: string, text: string, extra: Partial<Snapshot> = {}): Snapshot {
  return Snapshot.parse({
    id,
    title,
    capturedAt: '2024-03-01T09:00:00.000Z',
    captureMethod: 'text',
    wordCount: text.split(/\s+/).filter(Boolean).length,
    textHash: sha(text),
    htmlHash: sha(`<p>${text}</p>`),
    blocks: [],
    ...extra,
  });
}

/** An annotation as REFI-QDA carries it: cleared (null) fields and deleted links are not written. */
export function carried(a: Annotation, exported: Set<string>): Annotation {
  const fields = Object.fromEntries(Object.entries(a.fields).filter(([, v]) => v !== null && v !== undefined));
  return { ...a, fields, links: a.links.filter((l) => exported.has(l.annotationId)) };
}

/** The code point slice REFI's positions describe. */
export const codePointSlice = (text: string, start: number, end: number) => [...text].slice(start, end).join('');
