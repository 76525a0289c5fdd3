/**
 * What `npm run dist` packs, checked without Electron: the fuses electron-builder flips, and
 * that every file the packaged app loads exists after the build and is packed. The app is
 * built as `npm run build` does (to a temp folder, not dist/), the files electron-builder.yml's
 * `files` globs select are laid out as app.asar holds them, and the built main process runs
 * from there against the Electron stand-in: its window's preload and icon, the renderer's page
 * with every script and style it loads, and the search worker all have to be found.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const yaml = require(require.resolve('js-yaml', { paths: [dirname(require.resolve('app-builder-lib/package.json'))] })) as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  electronFuses?: Record<string, unknown>;
  fileAssociations?: { ext: string | string[] }[];
  asar?: boolean;
};

describe('electron-builder fuses', () => {
  // Each fuse as the issue asks; a missing key leaves Electron's default, which is the unsafe one for most.
  const wanted = {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
  };
  it.each(Object.entries(wanted))('%s is %s', (key, value) => {
    expect(config.electronFuses?.[key], `electronFuses.${key} in electron-builder.yml`).toBe(value);
  });
  it('packs the app into an asar, which onlyLoadAppFromAsar and the integrity check need', () => {
    expect(config.asar).toBe(true);
  });
  it('associates bundles and saved pages with the app, all of them kinds the main process opens', () => {
    const exts = (config.fileAssociations ?? []).flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]));
    expect(exts).toEqual(expect.arrayContaining(['glossa', 'html', 'htm', 'mhtml', 'txt']));
    const source = readFileSync(join(root, 'electron', 'open-files.ts'), 'utf8');
    for (const ext of exts) expect(source, `electron/open-files.ts opens .${ext}`).toContain(`'.${ext}'`);
  });
});

/** electron-builder's `files`: patterns in order, the last one that matches a path decides. */
function packed(path: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negated = pattern.startsWith('!');
    if (matchesGlob(path, negated ? pattern.slice(1) : pattern)) included = !negated;
  }
  return included;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split('\\').join('/'));
}

interface Report {
  windows: { icon: string; webPreferences: { preload: string } }[];
  errorBoxes: unknown[];
  protocol: { index: { status: number; body: string }; assets: { url: string; status: number }[] };
  ipc: { searched: { ok: boolean; value?: { ok: boolean } } };
}

describe('every file the packaged app loads', () => {
  let asar = '';
  let report: Report;

  beforeAll(async () => {
    // `npm run build`'s app parts, into a stand-in for the project folder.
    const project = mkdtempSync(join(tmpdir(), 'glossa-pack-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', join(project, 'dist', 'electron')], { cwd: root, stdio: 'pipe' });
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', join(project, 'dist', 'renderer'), '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    for (const file of ['package.json', 'assets']) cpSync(join(root, file), join(project, file), { recursive: true });
    // What app.asar would hold: only what the `files` globs select.
    asar = mkdtempSync(join(tmpdir(), 'glossa-asar-'));
    for (const file of filesUnder(project).filter(packed)) {
      mkdirSync(dirname(join(asar, file)), { recursive: true });
      cpSync(join(project, file), join(asar, file));
    }
    // The production dependencies ship beside it (electron-builder copies them).
    symlinkSync(join(root, 'node_modules'), join(asar, 'node_modules'), 'dir');
    const userData = mkdtempSync(join(tmpdir(), 'glossa-pack-userdata-'));
    const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'glossa-pack-cache-')), GLOSSA_LIBRARY: join(userData, 'library') };
    report = await new Promise<Report>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(root, 'test', 'electron', 'fake-electron.cjs'), join(asar, 'dist', 'electron', 'main.cjs'), asar, userData],
        { env },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Report)),
      );
    });
  }, 180_000);

  it('packs main, preload, the search and suggestion workers, the renderer and the icon, and leaves the CLI and source maps out', () => {
    const files = filesUnder(asar).filter((f) => !f.startsWith('node_modules/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/electron/search-worker.cjs',
        'dist/electron/suggest-worker.cjs',
        'dist/renderer/index.html',
        'assets/icon.png',
        'package.json',
      ]),
    );
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('dist/cli/'))).toEqual([]);
  });

  it('the window finds its preload and icon inside the package', () => {
    expect(report.errorBoxes).toEqual([]);
    const [win] = report.windows;
    for (const file of [win!.webPreferences.preload, win!.icon]) {
      expect(relative(asar, file).startsWith('..'), `${file} is inside the package`).toBe(false);
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('the renderer page and every script and style it loads are served from the package', () => {
    expect(report.protocol.index.status).toBe(200);
    expect(report.protocol.index.body).toContain('<div id="root">');
    expect(report.protocol.assets.length).toBeGreaterThan(0);
    expect(report.protocol.assets.filter((a) => a.status !== 200)).toEqual([]);
  });

  it('the search worker starts from beside main.cjs in the package', () => {
    expect(report.ipc.searched).toMatchObject({ ok: true, value: { ok: true } });
  });
});
