/** URL capture from the window: the main process fetches; the window only names the address. */
import { glossa } from '../../glossa';
import { showOutcome } from '../library/importFiles';

export async function captureUrls(urls: string[]): Promise<void> {
  for (const url of urls) {
    try {
      const outcome = await glossa().captureUrl({ url });
      showOutcome({ name: outcome.finalUrl, ok: true, ...outcome });
    } catch (e) {
      const err = e as Error & { code?: string };
      showOutcome({ name: url, ok: false, error: { code: err.code ?? 'INTERNAL', message: err.message } });
    }
  }
}
