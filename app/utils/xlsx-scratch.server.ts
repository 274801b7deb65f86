// A folder of its own for each XLSX read's temporary files. exceljs copies a worksheet that comes
// before the shared strings into a temporary file (the `tmp` package, in the OS temporary folder) and
// removes it only once that sheet was read to its end, or at process exit: every in-process read
// stopped by the limits (a hostile workbook: 2 GB) left its file behind, still open. Here exceljs's
// temporary files of a read are made in the read's folder with their descriptors closed, and both
// are removed when the read ends, however it ends. (The web's reads run in a worker whose TMPDIR is
// removed as well: app/utils/import-worker.server.ts.)
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export type Scratch = { dir: string; removers: (() => void)[] };
type TmpFileCallback = (err: Error | null, name: string, fd: number | undefined, remove: () => void) => void;

const scratchOfRead = new AsyncLocalStorage<Scratch>();
let tmpRouted = false;

/** Sends the temporary files exceljs makes during a read (see inScratch) to that read's folder. */
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
    const scratch = scratchOfRead.getStore();
    if (!scratch) return file(opts, cb);
    // exceljs writes the file by its name and never closes the descriptor tmp opens for it.
    file({ ...opts, tmpdir: scratch.dir, discardDescriptor: true }, (err, name, fd, remove) => {
      if (!err) scratch.removers.push(remove);
      cb(err, name, fd, remove);
    });
  };
}

/** A new, empty folder for one read's temporary files (in the OS temporary folder, named by this process). */
export function openScratch(): Scratch {
  routeExcelTempFiles();
  return { dir: mkdtempSync(path.join(os.tmpdir(), `tracker-xlsx-${process.pid}-`)), removers: [] };
}

/** `source`, each of its steps run as part of the read `scratch` belongs to (where exceljs makes its files). */
export function inScratch<T>(scratch: Scratch, source: AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        next: () => scratchOfRead.run(scratch, () => it.next()),
        return: (value?: unknown) =>
          scratchOfRead.run(scratch, () => it.return?.(value) ?? Promise.resolve({ done: true as const, value: value as T })),
      };
    },
  };
}

/** Removes the read's temporary files and folder (those exceljs already removed are skipped). */
export function removeScratch(scratch: Scratch): void {
  for (const remove of scratch.removers.splice(0))
    try {
      remove();
    } catch {
      // Already gone.
    }
  rmSync(scratch.dir, { recursive: true, force: true });
}
