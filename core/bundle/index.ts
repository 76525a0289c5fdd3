/**
 * The .glossa annotation bundle: export (with scopes), verify, preview, import + merge with
 * conflicts kept side by side, and the open formats (W3C Web Annotation JSON-LD, CSV) that
 * the bundle and the CLI share. The format itself is specified in docs/bundle-format.md.
 */
export { exportBundle, estimateExport, type ExportReport } from './export.js';
export { ExportScope } from './scope.js';
export { importBundle, previewBundle, type BundleImportReport, type BundlePreview } from './import.js';

export { verifyBundle, type VerifyReport } from './verify-report.js';
export { annotationsToJsonLd, annotationToJsonLd, annotationFromJsonLd } from './jsonld.js';
export { annotationsToCsv, CSV_COLUMNS } from './csv.js';
