/** Binds every window operation of core/api.ts to IPC in one loop; dispatch validates the input. */
import { ipcMain } from 'electron';
import type { Context, Envelope } from '../core/api.js';
import { CHANNEL_PREFIX } from './channels.js';
import { BUNDLE_PICKERS, noteBundleRequest } from './open-files.js';
import { dispatchLazily, windowOps } from './ops.js';
import { isAppUrl } from './security.js';

export function bindApi(ctx: Context): void {
  for (const name of windowOps) {
    ipcMain.handle(CHANNEL_PREFIX + name, (event, input: unknown): Promise<Envelope> | Envelope => {
      // Only our own page may call: not a frame that navigated elsewhere, not devtools.
      if (!isAppUrl(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused a request that did not come from the Glossa window.' } };
      }
      if (BUNDLE_PICKERS.has(name)) noteBundleRequest();
      return dispatchLazily(ctx, name, input, { windowOnly: true });
    });
  }
}
