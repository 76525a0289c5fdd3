#!/usr/bin/env node
/**
 * `npm run lint`'s Electron security gate: Electronegativity (Doyensec) over the main process
 * and preload (electron/) and the renderer's HTML, scanned together so its global checks (CSP,
 * navigation limits, permission handler) see the whole app. Electronegativity itself exits 0
 * whatever it finds, so this script fails on any finding above INFORMATIONAL unless
 * electron/electronegativity-accepted.json names it (check id + file) with the reason it does
 * not apply. An acceptance that no longer matches a finding fails too, so the list stays true.
 * Offline and fast: its translation download is replaced by the bundled English strings.
 * Options: --csv FILE also writes the findings as CSV (Electronegativity's own writer).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { csv: { type: 'string' } } });
const require = createRequire(import.meta.url);
const ACCEPTED = join(root, 'electron', 'electronegativity-accepted.json');
const SCANNED = [
  ['electron', 'electron'],
  ['renderer/index.html', 'renderer/index.html'],
];

// Electronegativity fetches fresh translations (got, 1 s time-out) on every run: never here.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: using the bundled strings'));
  return load.call(this, request, ...rest);
};
const run = require('@doyensec/electronegativity');

/** @returns {{ id: string, file: string, reason: string }[]} */
function readAccepted() {
  const list = JSON.parse(readFileSync(ACCEPTED, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${ACCEPTED}: expected a list of { id, file, reason }`);
  for (const [i, entry] of list.entries()) {
    if (typeof entry?.id !== 'string' || typeof entry.file !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      throw new Error(`${ACCEPTED} entry ${i}: needs "id", "file" and a "reason" that says why the finding does not apply`);
    }
  }
  return list;
}

const scanDir = mkdtempSync(join(tmpdir(), 'glossa-electronegativity-'));
let failed = false;
try {
  for (const [from, to] of SCANNED) cpSync(join(root, from), join(scanDir, to), { recursive: true, filter: (src) => !src.endsWith('tsconfig.json') });
  const quiet = console.log;
  console.log = () => undefined; // its progress bar and the translation notice
  let result;
  try {
    result = await run({
      input: scanDir,
      output: args.csv ? resolve(args.csv) : undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: require('electron/package.json').version,
      parserPlugins: [],
    });
  } finally {
    console.log = quiet;
  }
  if (result.errors.length) {
    for (const e of result.errors) console.error(`electronegativity: could not parse ${e.file}: ${e.message ?? e.error ?? ''}`);
    failed = true;
  }
  const accepted = readAccepted();
  const used = new Set();
  const findings = result.issues.filter((i) => i.severity.value > 0);
  for (const issue of findings) {
    const file = issue.file.replaceAll('\\', '/');
    const match = accepted.findIndex((a) => a.id === issue.id && a.file === file);
    if (match >= 0) {
      used.add(match);
      continue;
    }
    failed = true;
    console.error(
      `electronegativity: ${issue.severity.name} ${issue.id} in ${file}:${issue.location.line}:${issue.location.column}: ${issue.description}` +
        `${issue.sample ? `\n    ${issue.sample.trim()}` : ''}\n    Fix it, or add { "id": "${issue.id}", "file": "${file}", "reason": "…" } to electron/electronegativity-accepted.json.`,
    );
  }
  for (const [i, a] of accepted.entries()) {
    if (used.has(i)) continue;
    failed = true;
    console.error(
      `electronegativity: the acceptance of ${a.id} in ${a.file} matches no finding any more; remove it from electron/electronegativity-accepted.json.`,
    );
  }
  if (!failed)
    console.log(`electronegativity: ${findings.length} finding(s), each accepted with a reason; ${result.issues.length - findings.length} informational.`);
} finally {
  rmSync(scanDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
