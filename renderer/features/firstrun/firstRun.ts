/**
 * The first run's sample: imported through importText as pasted text would be, then opened in
 * the reader with a hint on tagging that shows once (until dismissed or the reader is left).
 */
import { createStore } from '../../app/store';
import { navigate } from '../../app/route';
import { glossa } from '../../glossa';
import { SAMPLE_TEXT, SAMPLE_TITLE } from './sample';

/** The sample article the hint is for; null once it was dismissed or the reader was left. */
export const sampleHint = createStore<string | null>(null);

export async function importSample(): Promise<void> {
  const outcome = await glossa().importText({ text: SAMPLE_TEXT, title: SAMPLE_TITLE });
  sampleHint.set(outcome.snapshotId);
  navigate({ view: 'reader', snapshotId: outcome.snapshotId });
}
