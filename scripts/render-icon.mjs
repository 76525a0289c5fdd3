#!/usr/bin/env node
/**
 * Renders assets/icon.svg to assets/icon.png (1024×1024, transparent corners) with headless
 * Chromium, the browser the tests already use. electron-builder derives the .icns and .ico
 * from that PNG. Run after editing the SVG: `node scripts/render-icon.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'glossa-icon-'));
const page = join(work, 'icon.html');
writeFileSync(page, `<!doctype html><body style="margin:0;background:transparent">${readFileSync(join(root, 'assets', 'icon.svg'), 'utf8')}</body>`);
const out = join(root, 'assets', 'icon.png');
const result = spawnSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    '--window-size=1024,1024',
    `--screenshot=${out}`,
    pathToFileURL(page).href,
  ],
  { stdio: ['ignore', 'inherit', 'ignore'], timeout: 60_000 },
);
rmSync(work, { recursive: true, force: true });
if (result.status !== 0) {
  console.error(`render-icon: ${chromium} failed (${result.error?.message ?? `exit ${result.status}`})`);
  process.exit(1);
}
