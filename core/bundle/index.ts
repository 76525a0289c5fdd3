/**
 * The .glossa annotation bundle: export (with scopes), verify, preview, import + merge with
 * conflicts kept side by side, and the open formats (W3C Web Annotation JSON-LD, CSV) that
 * the bundle and the CLI share. The format itself is specified in docs/bundle-format.md.
 */
export { exportBundle, estimateExport, type ExportOptions, type ExportReport, type ExportEstimate } from './export.js';
export { ExportScope, type Selection } from './scope.js';
export { importBundle, previewBundle, type BundleImportReport, type BundlePreview, type ImportOptions } from './import.js';
export type { RegistryChanges } from './plan.js';
export { verifyBundle, type VerifyReport } from './verify-report.js';
export { annotationsToJsonLd, annotationToJsonLd, annotationFromJsonLd, JSONLD_CONTEXT, type SnapshotRef, type JsonLdOptions } from './jsonld.js';
export { annotationsToCsv, CSV_COLUMNS, type CsvOptions } from './csv.js';
export { FORMAT_NAME, FORMAT_VERSION, DEFAULT_LIMITS, type BundleLimits, type Manifest, type Counts } from './format.js';
export type { BundleProblem } from './problems.js';
