#!/usr/bin/env node
/**
 * `npm test`: lint, typecheck, Vitest, the renderer build, Playwright — in that order, with
 * their output streamed. Every step runs even if an earlier one failed (except Playwright,
 * which needs the build), then one combined line is printed from the runners' JSON reports:
 *   N passed, N failed, N skipped
 * A failed step that is not a test runner (lint, typecheck, build) counts as one failure.
 * Exits non-zero if anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST_REPORT = join(root, '.vitest-results.json');
const PLAYWRIGHT_REPORT = join(root, '.playwright-results.json');

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** The Electron e2e spec needs a display; headless Chromium does not. */
function playwrightCommand() {
  const args = ['--no-install', 'playwright', 'test', '--reporter=list,json'];
  const needsDisplay = electronBinary(root) && process.platform === 'linux' && !process.env.DISPLAY;
  if (needsDisplay && hasCommand('xvfb-run')) return ['xvfb-run', ['-a', 'npx', ...args]];
  return ['npx', args];
}

const steps = [
  { name: 'lint', command: ['npm', ['run', '--silent', 'lint']] },
  { name: 'typecheck', command: ['npm', ['run', '--silent', 'typecheck']] },
  { name: 'vitest', command: ['npx', ['--no-install', 'vitest', 'run']], report: VITEST_REPORT, read: readVitest },
  { name: 'vite build', command: ['npx', ['--no-install', 'vite', 'build']] },
  {
    name: 'playwright',
    command: playwrightCommand(),
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT },
    needs: 'vite build',
    report: PLAYWRIGHT_REPORT,
    read: readPlaywright,
  },
];

function run(name, [cmd, args], env) {
  console.log(`\n━━━ ${name}: ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (e) => {
      console.error(`${name}: could not start ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Vitest's JSON reporter (Jest-compatible counts). */
function readVitest(json) {
  return {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0),
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

/** Playwright's JSON reporter: flaky tests passed on retry, so they count as passed. */
function readPlaywright(json) {
  const s = json.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    skipReasons: skipReasons(json.suites ?? []),
  };
}

/** Why each skipped spec was skipped (test.skip(condition, reason)), one line per distinct reason. */
function skipReasons(suites) {
  const reasons = new Map();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const notes = t.annotations ?? [];
        // A serial test skipped without a reason of its own was stopped by an earlier failure in its group.
        const stopped = notes.some((a) => a.type === 'serial') ? 'did not run, because an earlier test in its serial group failed' : 'no reason given';
        const why = notes.find((a) => a.type === 'skip')?.description ?? stopped;
        const key = `${spec.file}: ${why}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of suites) walk(suite);
  return [...reasons].map(([key, n]) => `${n} skipped in ${key}`);
}

for (const file of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(file, { force: true });

const results = [];
for (const step of steps) {
  const needed = step.needs && results.find((r) => r.name === step.needs);
  if (needed && needed.code !== 0) {
    console.log(`\n━━━ ${step.name}: not run (${step.needs} failed)`);
    results.push({ name: step.name, code: 1, note: `not run: ${step.needs} failed` });
    continue;
  }
  const code = await run(step.name, step.command, step.env);
  const result = { name: step.name, code };
  if (step.report) {
    if (existsSync(step.report)) {
      try {
        result.counts = step.read(JSON.parse(readFileSync(step.report, 'utf8')));
      } catch (e) {
        result.note = `unreadable report: ${e.message}`;
      }
    } else result.note = 'no report written';
  }
  results.push(result);
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\n━━━ summary');
for (const r of results) {
  let line = `${r.name.padEnd(11)} ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`}`;
  if (r.counts) {
    line += ` · ${r.counts.passed} passed · ${r.counts.failed} failed · ${r.counts.skipped} skipped`;
    total.passed += r.counts.passed;
    total.skipped += r.counts.skipped;
    // A runner that crashed without reporting a failing test still failed.
    total.failed += Math.max(r.counts.failed, r.code === 0 ? 0 : 1);
  } else if (r.code !== 0) total.failed += 1;
  if (r.note) line += ` (${r.note})`;
  console.log(line);
  for (const reason of r.counts?.skipReasons ?? []) console.log(`            ${reason}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
