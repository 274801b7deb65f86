// The entry of an import worker thread (started by app/utils/import-worker.server.ts): loads the
// TypeScript job runner through tsx, runs the one job it was given and posts the outcome back.
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

// On a busy machine the requests come first: on Linux this lowers the priority of this thread only
// (and of what it starts), so checking a file never starves the server's event loop of CPU.
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted here: the job runs at normal priority.
}
register({ tsconfig: workerData.tsconfig });
const { runJob } = await import(workerData.entry);
parentPort.postMessage(await runJob(workerData.job));
