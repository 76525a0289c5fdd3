/** electron-builder.yml must be valid for electron-builder and point at files that exist. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));

describe('electron-builder.yml', () => {
  // js-yaml and the schema come with electron-builder itself (a dev dependency).
  const yaml = require(require.resolve('js-yaml', { paths: [dirname(require.resolve('app-builder-lib/package.json'))] })) as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it("validates against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = validate(config);
    expect(ok, JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it('names the product and uses icons that exist', () => {
    expect(config.productName).toBe('Glossa');
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const icon = (config[platform] as { icon?: string }).icon;
      expect(icon, platform).toBeTruthy();
      expect(existsSync(join(root, icon!)), `${platform} icon ${icon}`).toBe(true);
    }
  });

  it('starts the bundled main process the build script writes', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect((config.extraMetadata as { main: string }).main).toBe(pkg.main);
  });
});
