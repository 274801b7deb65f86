// The entry of an import worker thread (started by app/utils/import-worker.server.ts): runs the one
// job it was given from the app's bundle (scripts/app-bundle.mjs, built first if the sources changed)
// and posts the outcome back.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

// On a busy machine the requests come first: on Linux this lowers the priority of this thread only
// (and of what it starts), so checking a file never starves the server's event loop of CPU.
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted here: the job runs at normal priority.
}
const { ensureBundle } = await import(pathToFileURL(path.join(workerData.root, "scripts/app-bundle.mjs")).href);
const { runJob } = await import(pathToFileURL(path.join(await ensureBundle(), "import-job.mjs")).href);
parentPort.postMessage(await runJob(workerData.job));
