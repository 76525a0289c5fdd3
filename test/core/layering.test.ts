/**
 * The layering rules of eslint.config.js (core/ ↛ electron, react, shells; renderer/ ↛ Node,
 * electron, core's runtime beyond common, text and model; core/common ↛ Node, core's rooms
 * beyond text and model; preload ↛ anything but electron and its channel names) are only
 * worth having while they still bite. Each case lints a small in-memory file at a path inside
 * the room it tests and checks the restriction fires, or stays quiet for what is allowed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });
const RULE = '@typescript-eslint/no-restricted-imports';

async function restrictionsIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  expect(fatal, `parse error in probe for ${file}`).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

// `export` keeps the imports used, so only the restriction can complain.
const probe = (imports: string) => `${imports}\nexport const probe = [] as unknown[];\n`;

describe('core/ stays free of the shells', () => {
  const file = 'core/model/__layering_probe__.ts';
  it.each([
    [`import { app } from 'electron';\nexport { app };`],
    [`import * as React from 'react';\nexport { React };`],
    [`import { createRoot } from 'react-dom/client';\nexport { createRoot };`],
    [`import { glossa } from '../../renderer/glossa.js';\nexport { glossa };`],
    [`import { bindApi } from '../../electron/ipc.js';\nexport { bindApi };`],
  ])('rejects %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toHaveLength(1);
  });

  it.each([
    [`import { z } from 'zod';\nexport { z };`],
    [`import { readFile } from 'node:fs/promises';\nexport { readFile };`],
    [`import { GlossaError } from './errors.js';\nexport { GlossaError };`],
  ])('allows %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toEqual([]);
  });
});

describe('renderer/ has no Node and reaches core only through window.glossa', () => {
  const file = 'renderer/features/__layering_probe__.tsx';
  it.each([
    [`import fs from 'fs';\nexport { fs };`],
    [`import { readFile } from 'fs/promises';\nexport { readFile };`],
    [`import { readFile } from 'node:fs/promises';\nexport { readFile };`],
    [`import path from 'path';\nexport { path };`],
    [`import { spawn } from 'child_process';\nexport { spawn };`],
    [`import { ipcRenderer } from 'electron';\nexport { ipcRenderer };`],
    [`import { openLibrary } from '../../core/store/index.js';\nexport { openLibrary };`],
    [`import { importText } from '../../core/ingest/index.js';\nexport { importText };`],
    [`import { exportBundle } from '../../core/bundle/index.js';\nexport { exportBundle };`],
    [`import { api } from '../../core/api.js';\nexport { api };`],
    [`import { dispatch } from '../../core/api/dispatch.js';\nexport { dispatch };`],
    [`import { imageTarget } from '../../core/anchor/image.js';\nexport { imageTarget };`],
    // A folder that merely starts like an allowed one is still core's runtime.
    [`import { x } from '../../core/commonplace/index.js';\nexport { x };`],
  ])('rejects %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toHaveLength(1);
  });

  it.each([
    [`import type { OpName } from '../../core/api';\nexport type { OpName };`],
    [`import { type Envelope } from '../../core/api/dispatch.js';\nexport type { Envelope };`],
    [`import { makeTarget } from '../../core/text/selectors.js';\nexport { makeTarget };`],
    [`import { Annotation } from '../../core/model/index.js';\nexport { Annotation };`],
    [`import { targetOf } from '../../../core/common/targets';\nexport { targetOf };`],
    [`import { blankAnnotation } from '../../core/common/annotation.js';\nexport { blankAnnotation };`],
    [`import { useState } from 'react';\nexport { useState };`],
  ])('allows %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toEqual([]);
  });
});

describe('core/common is importable by the sandboxed page', () => {
  const file = 'core/common/__layering_probe__.ts';
  it.each([
    [`import { readFile } from 'node:fs/promises';\nexport { readFile };`],
    [`import { createHash } from 'crypto';\nexport { createHash };`],
    [`import { join } from 'path';\nexport { join };`],
    [`import { openLibrary } from '../store/index.js';\nexport { openLibrary };`],
    [`import { api } from '../api.js';\nexport { api };`],
    [`import { imageTarget } from '../anchor/image.js';\nexport { imageTarget };`],
    [`import { app } from 'electron';\nexport { app };`],
    [`import * as React from 'react';\nexport { React };`],
  ])('rejects %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toHaveLength(1);
  });

  it.each([
    [`import { z } from 'zod';\nexport { z };`],
    [`import { makeTarget } from '../text/selectors.js';\nexport { makeTarget };`],
    [`import { GlossaError } from '../model/errors.js';\nexport { GlossaError };`],
    [`import { KIND_LABEL } from './kinds.js';\nexport { KIND_LABEL };`],
    [`import type { OpName } from '../api.js';\nexport type { OpName };`],
  ])('allows %s', async (code) => {
    expect(await restrictionsIn(file, probe(code))).toEqual([]);
  });

  it('still lets the rest of core/ use Node', async () => {
    expect(await restrictionsIn('core/anchor/__layering_probe__.ts', probe(`import { readFile } from 'node:fs/promises';\nexport { readFile };`))).toEqual([]);
  });
});

describe('the sandboxed preload requires only electron', () => {
  const file = 'electron/preload.ts';
  it('rejects Node built-ins and core', async () => {
    expect(await restrictionsIn(file, probe(`import { readFileSync } from 'node:fs';\nexport { readFileSync };`))).toHaveLength(1);
    expect(await restrictionsIn(file, probe(`import { api } from '../core/api.js';\nexport { api };`))).toHaveLength(1);
  });
  it('allows electron and the shared channel names', async () => {
    expect(await restrictionsIn(file, probe(`import { contextBridge } from 'electron';\nexport { contextBridge };`))).toEqual([]);
    expect(await restrictionsIn(file, probe(`import { OPS_ARG } from './channels.js';\nexport { OPS_ARG };`))).toEqual([]);
  });
});

describe('the real tree', () => {
  it('passes the layering rules', async () => {
    const results = await eslint.lintFiles(['core', 'renderer', 'electron']);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(broken).toEqual([]);
  });
});
