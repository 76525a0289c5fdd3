/**
 * The bundle dialogs one place opens (the library's buttons, or the File menu through
 * BundleCommands): export, import preview, the report of an import from another tool, and
 * the conflicts. Each caller keeps its own, so the two never show the same dialog twice.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { ConflictsDialog } from './ConflictsDialog';
import { ExchangeReportDialog } from './ExchangeReportDialog';
import { ExportDialog } from './ExportDialog';
import type { Choices } from './exportChoices';
import { ImportPreviewDialog } from './ImportPreviewDialog';
import { importExchangeFile, pickBundle, type ExchangeReport, type PickedBundle } from './importBundle';

type Open =
  | { kind: 'export'; initial?: Partial<Choices> }
  | { kind: 'import'; picked: PickedBundle }
  | { kind: 'exchange'; report: ExchangeReport }
  | { kind: 'conflicts' }
  | null;

export interface BundleDialogs {
  /** Opens the export dialog, starting from `initial` (e.g. the annotation browser's search) over the defaults. */
  openExport(initial?: Partial<Choices>): void;
  /** Picks a .glossa file, previews it, and shows the preview (or the reason it cannot be imported). */
  importBundle(): Promise<void>;
  /** Picks and imports a W3C / Hypothesis / REFI-QDA file, then shows its report. */
  importExchange(): Promise<void>;
  openConflicts(): void;
  element: ReactNode;
}

export function useBundleDialogs(): BundleDialogs {
  const [open, setOpen] = useState<Open>(null);
  const close = useCallback(() => setOpen(null), []);
  const openExport = useCallback((initial?: Partial<Choices>) => setOpen({ kind: 'export', initial }), []);
  const openConflicts = useCallback(() => setOpen({ kind: 'conflicts' }), []);
  const importBundle = useCallback(async () => {
    const picked = await pickBundle();
    if (picked) setOpen({ kind: 'import', picked });
  }, []);
  const importExchange = useCallback(async () => {
    const report = await importExchangeFile();
    if (report) setOpen({ kind: 'exchange', report });
  }, []);

  let element: ReactNode = null;
  if (open?.kind === 'export') element = <ExportDialog onClose={close} initial={open.initial} />;
  else if (open?.kind === 'import')
    element = <ImportPreviewDialog key={open.picked.token} picked={open.picked} onClose={close} onReviewConflicts={openConflicts} />;
  else if (open?.kind === 'exchange') element = <ExchangeReportDialog report={open.report} onClose={close} />;
  else if (open?.kind === 'conflicts') element = <ConflictsDialog onClose={close} />;

  return { openExport, importBundle, importExchange, openConflicts, element };
}
