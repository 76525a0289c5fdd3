/** File ▸ Import bundle from the library toolbar: the native open dialog picks the file. */
import { notify, reportError } from '../../app/messages';
import { glossa } from '../../glossa';
import { describeImport } from './summary';

export async function importBundleThroughDialog(): Promise<void> {
  try {
    const report = await glossa().importBundleDialog({});
    if (report.cancelled) return;
    notify(`Bundle imported: ${describeImport(report)}.`);
  } catch (e) {
    reportError(e, 'Could not import the bundle');
  }
}
