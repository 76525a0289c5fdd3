// @ts-check
/**
 * Lint, and the layering rules of docs/ARCHITECTURE.md:
 *   core/      never imports electron, react, or anything from renderer/ or electron/;
 *   renderer/  never imports Node built-ins or electron, and of core/ only the pure
 *              core/common, core/text and core/model at run time (type-only imports of core/api are fine);
 *   core/common/ is what both sides run (targets, blank annotations, labels), so it is held to the
 *              page's rules: no Node built-ins, and of core/ only core/text and core/model;
 *   electron/preload.ts runs sandboxed: electron only.
 * test/core/layering.test.ts proves each rule still rejects what it should.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((m) => m.split('/')[0]))];
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Node built-ins, bare (`fs`, `fs/promises`) or with the `node:` prefix. */
const NODE_BUILTINS = {
  regex: `^(node:.*|(${nodeBuiltins.map(escapeRe).join('|')})(/.*)?)$`,
  message: 'The sandboxed page has no Node: read files through window.glossa (core/api.ts) instead.',
};
const ELECTRON = { regex: '^electron(/.*)?$', message: 'Only electron/ may import Electron.' };
const REACT = { regex: '^(react|react-dom)(/.*)?$', message: 'core/ is plain TypeScript: React belongs to renderer/.' };
const SHELLS = {
  regex: '^\\.\\.?/(.*/)?(renderer|electron)(/|$)',
  message: 'core/ must not depend on a shell (renderer/ or electron/); move shared code into core/.',
};
/** core/ except its pure rooms (common, text, model); type-only imports stay allowed. */
const CORE_RUNTIME = {
  regex: '(^|/)core/(?!(common|text|model)(/|\\.js$|$))',
  allowTypeImports: true,
  message: 'The page may import only core/common, core/text and core/model at run time; call core through window.glossa (types from core/api are fine).',
};
/** From inside core/common: any room of core/ but text and model (relative, as core imports). */
const COMMON_REACH = {
  regex: '^\\.\\./(?!(text|model)(/|\\.js$|$))',
  allowTypeImports: true,
  message: 'core/common runs in the sandboxed page too: it may import only core/text and core/model (and itself).',
};

const restrict = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-results/', 'playwright-report/', 'bench/results/', 'coverage/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Text handling matches control characters on purpose (binary detection, sentinels).
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="eval"]', message: 'No eval.' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may poke at loosely typed data (parsed JSON, JSON-LD) without ceremony.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // What the window shows comes from a folder's messages (renderer/i18n), in the person's language.
    files: ['renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label', 'aria-roledescription'] },
          message: "Words the window shows come from the folder's messages.ts (renderer/i18n), so every language gets them.",
        },
      ],
    },
  },
  { files: ['core/**/*.{ts,tsx,js,mjs,cjs}'], rules: restrict(ELECTRON, REACT, SHELLS) },
  {
    files: ['core/common/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: restrict(
      ELECTRON,
      REACT,
      SHELLS,
      { ...NODE_BUILTINS, message: 'core/common runs in the sandboxed page too: no Node built-ins here.' },
      COMMON_REACH,
    ),
  },
  { files: ['renderer/**/*.{ts,tsx,js,jsx,mjs}'], rules: restrict(NODE_BUILTINS, ELECTRON, CORE_RUNTIME) },
  {
    files: ['electron/preload.ts'],
    rules: restrict({ regex: '^(?!(electron|\\./channels(\\.js)?)$)', message: 'The sandboxed preload may require only electron (no Node, no core).' }),
  },
);
