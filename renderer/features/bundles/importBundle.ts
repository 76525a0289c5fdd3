/**
 * The first step of an import: the native open dialog picks the file. A .glossa bundle is
 * previewed (nothing written) for the preview dialog; a bad one is refused here with its
 * reason in the message bar. Files of other tools are imported at once, with their report.
 */
import type { OpOutput } from '../../../core/api';
import type { BundlePreview } from '../../../core/bundle';
import { reportError } from '../../app/messages';
import { messagesNow } from '../../i18n';
import { glossa } from '../../glossa';
import { bundlesMessages } from './messages';
import { describeProblems } from './summary';

export interface PickedBundle {
  token: string;
  preview: BundlePreview;
}

export type ExchangeReport = Extract<OpOutput<'importExchangeDialog'>, { cancelled: false }>;

/** null: the person cancelled, or the bundle cannot be imported (already reported). */
export async function pickBundle(): Promise<PickedBundle | null> {
  try {
    const out = await glossa().previewBundleDialog({});
    if (out.cancelled) return null;
    if (!out.preview.ok || !out.token) {
      const code = out.preview.problems[0]?.code ?? 'BAD_BUNDLE';
      reportError(Object.assign(new Error(describeProblems(out.preview)), { code }), messagesNow(bundlesMessages).couldNotImportBundle);
      return null;
    }
    return { token: out.token, preview: out.preview };
  } catch (e) {
    reportError(e, messagesNow(bundlesMessages).couldNotImportBundle);
    return null;
  }
}

/** W3C / Hypothesis JSON or a REFI-QDA project: imported as picked; null when cancelled or failed (reported). */
export async function importExchangeFile(): Promise<ExchangeReport | null> {
  try {
    const out = await glossa().importExchangeDialog({});
    return out.cancelled ? null : out;
  } catch (e) {
    reportError(e, messagesNow(bundlesMessages).couldNotImportAnnotations);
    return null;
  }
}
