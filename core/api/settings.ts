/** The library's settings as operations (library-settings.ts). Not undoable: a setting is not an edit. */
import { z } from 'zod';
import { LibrarySettings, settingsOf } from './library-settings.js';
import { op } from './op.js';

export const librarySettings = op(z.object({}).optional(), async (ctx) => settingsOf(ctx.library));

export const updateLibrarySettings = op(LibrarySettings.partial().strict(), async (ctx, patch) => {
  await ctx.library.saveSettings(patch);
  return settingsOf(ctx.library);
});
