// Bulk imports (web and CLI), one job per module under app/models/import/: the whole file is validated
// first with the record forms' Zod schemas (every bad cell reported with its line, column, value and a
// fix; nothing written), then applied in one transaction with an ImportBatch that can be undone while
// its rows are untouched. Raw survey responses are aggregated into survey results; respondent rows are
// never kept. The web runs checking, confirming and undoing in a worker (app/utils/import-worker.server.ts).
export { UndoRefusedError, StaleImportError, BusyError } from "~/models/bulk-write.server";
export type { ImportFile } from "~/utils/import-file.server";
export {
  type Failure,
  type ImportCounts,
  type ImportOptions,
  type ImportProgress,
  type Importer,
  type MappingNeeded,
  type RowError,
  type Validated,
  MAX_LISTED_ERRORS,
  cliImporter,
  importerOf,
  mayImport,
} from "~/models/import/common.server";
export { importFile, validateImport } from "~/models/import/validate.server";
export {
  type AppliedImport,
  type PreviewResult,
  type StagedSummary,
  ImportExpiredError,
  PREVIEW_SAMPLE,
  applyImport,
  cancelImport,
  clearStaged,
  getStagedImport,
  newToken,
  previewImport,
  remapImport,
  stagedReport,
  uploadPath,
} from "~/models/import/staging.server";
export { auditExport, exportFileRows, getImportBatch, isUndoRefused, listImportBatches, undoImport } from "~/models/import/history.server";
export { type ReportRow, describer, reportColumns, reportRows } from "~/models/import/report.server";
