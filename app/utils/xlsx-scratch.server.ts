// One folder for the temporary files of the XLSX reads running in this process (or worker thread),
// removed with everything in it when the last of them ends. exceljs copies a worksheet that comes
// before the shared strings into a temporary file (the `tmp` package, in the OS temporary folder) and
// removes it only once that sheet was read to its end, or at process exit: every in-process read
// stopped by the limits (a hostile workbook: 2 GB) left its file behind, still open. Here exceljs's
// temporary files go to this folder with their descriptors closed.
//
// Files are not told apart by read: an earlier version gave each read a folder of its own and found
// the read a file belonged to from the async context of exceljs's call, which its stream internals do
// not keep; a file could land in another read's folder and be removed under it when that read ended
// ("This Excel file could not be read", seen in the tests when one process read workbooks one after
// another). A file removed too late costs disk for as long as reads overlap; removed too early, it
// breaks a good upload.
//
// In an import worker thread (the web's reads: app/utils/import-worker.server.ts) nothing is removed
// here: the worker's TMPDIR is its own, one job's, and is removed whole once the thread has stopped,
// when nothing can touch it any more. Removing the folder while the job ran still broke a read once
// (ENOENT opening a temporary file in it, under heavy load, the cause not pinned down): with one job
// per thread there is nothing to gain by removing it sooner.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

type TmpFileCallback = (err: Error | null, name: string, fd: number | undefined, remove: () => void) => void;

/** A read that is using the folder (openScratch), to be ended once by removeScratch. */
export type Scratch = { ended: boolean };

const state: { active: number; dir: string | null; removers: (() => void)[] } = { active: 0, dir: null, removers: [] };
let tmpRouted = false;

/** Sends the temporary files exceljs makes while a read is running to the reads' folder. */
function routeExcelTempFiles(): void {
  if (tmpRouted) return;
  tmpRouted = true;
  // The very `tmp` module exceljs requires (resolved from exceljs's own folder).
  const tmp = createRequire(createRequire(import.meta.url).resolve("exceljs"))("tmp") as {
    file: (options: object | TmpFileCallback, callback?: TmpFileCallback) => void;
  };
  const file = tmp.file.bind(tmp);
  tmp.file = (options, callback) => {
    const cb = typeof options === "function" ? (options as TmpFileCallback) : callback!;
    const opts = typeof options === "function" ? {} : options;
    if (!state.dir) return file(opts, cb);
    // exceljs writes the file by its name and never closes the descriptor tmp opens for it.
    file({ ...opts, tmpdir: state.dir, discardDescriptor: true }, (err, name, fd, remove) => {
      if (!err) state.removers.push(remove);
      cb(err, name, fd, remove);
    });
  };
}

/** Marks a read as started: its temporary files go to the reads' folder (made now if there is none). */
export function openScratch(): Scratch {
  routeExcelTempFiles();
  state.dir ??= mkdtempSync(path.join(os.tmpdir(), `tracker-xlsx-${process.pid}-`));
  state.active++;
  return { ended: false };
}

/** Marks the read as ended; when no other read runs, the folder and every file in it are removed. */
export function removeScratch(scratch: Scratch): void {
  if (scratch.ended) return;
  scratch.ended = true;
  state.active--;
  if (state.active > 0 || !state.dir || !isMainThread) return;
  for (const remove of state.removers.splice(0))
    try {
      remove();
    } catch {
      // Already gone.
    }
  rmSync(state.dir, { recursive: true, force: true });
  state.dir = null;
}
