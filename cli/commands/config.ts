/**
 * config: the settings of the person on this machine (name, e-mail, theme, number format),
 * in the same `<userData>/settings.json` the desktop app reads and writes, through the same
 * operations (core/api/app-settings.ts), so the app and the CLI check values alike. The name
 * and e-mail sign the annotations this person creates and changes.
 */
import type { Command } from 'commander';
import type { Context } from '../../core/api.js';
import { GlossaError } from '../../core/model/errors.js';
import type { LibraryStore } from '../../core/store/types.js';
import { usageError } from '../errors.js';
import { globals } from '../options.js';
import type { Output } from '../output.js';
import { libraryDir, Session, type GlobalOptions } from '../session.js';

/** The keys a person sets here, as the settings file names them. */
export const CONFIG_KEYS = ['name', 'email', 'theme', 'numberFormat'] as const;
type ConfigKey = (typeof CONFIG_KEYS)[number];

function checkKey(key: string): ConfigKey {
  if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw usageError(`unknown setting "${key}"; settings are: ${CONFIG_KEYS.join(', ')}`);
  return key as ConfigKey;
}

/**
 * A session over the settings file of this run's environment ($XDG_CONFIG_HOME, %APPDATA%).
 * Settings are not a library's: only the library's folder is named (the settings view shows
 * it), nothing in it is opened or locked.
 */
async function settingsSession(opts: GlobalOptions, env: Record<string, string | undefined>): Promise<Session> {
  const [{ appSettingsFile, APP_SETTINGS_FILE }, { defaultUserDataDir }, { join }, { mkdir }] = await Promise.all([
    import('../../core/api/app-settings-file.js'),
    import('../../core/store/paths.js'),
    import('node:path'),
    import('node:fs/promises'),
  ]);
  const folder = defaultUserDataDir('Glossa', env);
  const file = appSettingsFile(join(folder, APP_SETTINGS_FILE));
  const dir = await libraryDir(opts, env);
  const library = new Proxy({} as LibraryStore, {
    get(_, key) {
      if (key === 'dir') return dir;
      throw new GlossaError('INVALID_INPUT', 'Settings commands do not use a library.');
    },
  });
  const noPicker = async (): Promise<never> => {
    throw new GlossaError('INVALID_INPUT', 'The command line cannot show a file picker.');
  };
  const ctx: Context = {
    library,
    dialogs: { openFiles: noPicker, saveFile: noPicker },
    emit: () => {},
    appSettings: {
      read: () => file.read(),
      // The app's folder exists once the app has run; on a machine that only has the CLI it is made here.
      write: async (values) => {
        await mkdir(folder, { recursive: true });
        await file.write(values);
      },
    },
  };
  return new Session(ctx);
}

const pick = (view: Record<ConfigKey, string>) => Object.fromEntries(CONFIG_KEYS.map((k) => [k, view[k]])) as Record<ConfigKey, string>;

export function registerConfigCommands(program: Command, out: Output): void {
  const config = program.command('config').description('your settings on this machine: the name and e-mail your annotations are signed with, and more');

  config
    .command('set')
    .description(`set one setting (${CONFIG_KEYS.join(', ')}); an empty value clears the name or e-mail`)
    .argument('<key>', CONFIG_KEYS.join(' | '))
    .argument('<value>', 'the new value, e.g. glossa config set name "Ana Ruiz"')
    .action(async (rawKey: string, value: string, _local: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const key = checkKey(rawKey);
      const session = await settingsSession(opts, out.io.env);
      const view = await session.call('updateAppSettings', { [key]: value });
      if (opts.json) return out.json(pick(view));
      out.line(view[key] === '' ? `${key} cleared` : `${key} = ${view[key]}`);
    });

  config
    .command('get')
    .description('print one setting, or all of them')
    .argument('[key]', CONFIG_KEYS.join(' | '))
    .action(async (rawKey: string | undefined, _local: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const key = rawKey === undefined ? undefined : checkKey(rawKey);
      const session = await settingsSession(opts, out.io.env);
      const view = await session.call('appSettings', {});
      // A damaged file reads as the defaults; say so rather than print them as if they were set.
      if (view.problem) out.warn(`glossa: ${view.problem}`);
      const values = pick(view);
      if (key) return opts.json ? out.json({ [key]: values[key] }) : out.line(values[key]);
      if (opts.json) return out.json(values);
      for (const k of CONFIG_KEYS) out.line(`${k} = ${values[k]}`);
    });
}
