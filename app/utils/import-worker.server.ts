// Runs import jobs (check an upload, confirm, undo) in a worker thread, one at a time, so that no
// upload stalls other users: the server's event loop only streams the upload to disk and waits. Each
// worker's heap is capped and the job has a time limit, so a hostile file can fail only its own job; a
// fresh worker per job gives its memory back when it ends. Jobs beyond the queue are refused as busy.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ImportJob, JobOutcome } from "~/workers/import-job";
import { scheduleDelivery } from "~/models/alerts.server";

export const WORKER_LIMITS = {
  /** Jobs waiting behind the running one before new ones are refused. */
  queue: 4,
  heapMb: 512,
  timeoutMs: 10 * 60 * 1000,
} as const;

/** Refused or failed in a way that is no one row's fault: the message is for the user. */
export class ImportJobError extends Error {
  constructor(
    message: string,
    readonly status: 413 | 503,
  ) {
    super(message);
    this.name = "ImportJobError";
  }
}

/** An error the job raised on purpose (ImportExpiredError, StaleImportError, UndoRefusedError, BusyError). */
export class ImportJobRefused extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = "ImportJobRefused";
  }
}

const root = () => path.resolve(process.env.APP_ROOT ?? process.cwd());

/** The temporary folders of the workers running now: removed at this process's exit too, if it comes first. */
const scratchFolders = new Set<string>();
let exitHook = false;
function removeAtExit(folder: string): void {
  scratchFolders.add(folder);
  if (exitHook) return;
  exitHook = true;
  process.once("exit", () => {
    for (const f of scratchFolders) rmSync(f, { recursive: true, force: true });
  });
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running > 0) {
    if (waiting.length >= WORKER_LIMITS.queue)
      throw new ImportJobError("Many files are being checked just now. Try again in a minute.", 503);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function spawn(job: ImportJob): Promise<JobOutcome> {
  return new Promise((resolve, reject) => {
    // Its own temporary folder, removed when it stops: the XLSX reader (exceljs) buffers worksheets in
    // temporary files and removes them only at a process exit, so a hostile workbook left 2 GB behind.
    const scratch = mkdtempSync(path.join(os.tmpdir(), `tracker-import-${process.pid}-`));
    removeAtExit(scratch);
    const worker = new Worker(path.join(root(), "app/workers/import-worker.mjs"), {
      env: { ...process.env, TMPDIR: scratch },
      workerData: { job, root: root() },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.heapMb, maxYoungGenerationSizeMb: 48 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new ImportJobError(
            "Checking this file took too long. Split it into smaller files, or ask an administrator to import it from the command line.",
            413,
          ),
        ),
      );
      void worker.terminate();
    }, WORKER_LIMITS.timeoutMs);
    worker.once("message", (outcome: JobOutcome) => finish(() => resolve(outcome)));
    worker.once("error", (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ImportJobError(
                "This file is too large to check at once. Split it into smaller files, or ask an administrator to import it from the command line.",
                413,
              )
            : error,
        ),
      ),
    );
    worker.once("exit", () => {
      rmSync(scratch, { recursive: true, force: true });
      scratchFolders.delete(scratch);
    });
    worker.once("exit", (code) => finish(() => reject(new Error(`the import worker stopped (exit code ${code}) before answering`))));
  });
}

/** Runs one job in its own worker and returns its value, or throws ImportJobRefused / ImportJobError. */
export async function runImportJob<T>(job: ImportJob): Promise<T> {
  const release = await slot();
  try {
    const outcome = await spawn(job);
    if (!outcome.ok) throw new ImportJobRefused(outcome.error.name, outcome.error.message);
    return outcome.value as T;
  } finally {
    release();
    // A confirm or an undo queued status checks in the worker's thread, where no sender runs.
    if (job.type === "apply" || job.type === "undo") scheduleDelivery();
  }
}
