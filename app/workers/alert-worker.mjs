// The entry of an alert-check worker thread (started by app/utils/alert-worker.server.ts): answers
// every waiting status check once, from the app's bundle (scripts/app-bundle.mjs, built first if the
// sources changed), and posts the outcome.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

// Requests come first on a busy machine: on Linux this lowers the priority of this thread only.
try {
  os.setPriority(0, 10);
} catch {
  // Not permitted here: the checks run at normal priority.
}
const { ensureBundle } = await import(pathToFileURL(path.join(workerData.root, "scripts/app-bundle.mjs")).href);
const { runAlertChecks } = await import(pathToFileURL(path.join(await ensureBundle(), "alert-checks.mjs")).href);
parentPort.postMessage(await runAlertChecks());
