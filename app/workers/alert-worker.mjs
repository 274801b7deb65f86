// The entry of an alert-check worker thread (started by app/utils/alert-worker.server.ts): loads the
// TypeScript alert checks through tsx, answers every waiting status check once and posts the outcome.
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

// Requests come first on a busy machine: on Linux this lowers the priority of this thread only.
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted here: the checks run at normal priority.
}
register({ tsconfig: workerData.tsconfig });
const { runAlertChecks } = await import(workerData.entry);
parentPort.postMessage(await runAlertChecks());
