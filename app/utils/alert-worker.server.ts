// Runs the alerts' status checks (processAlertChecks) in a worker thread of its own, so the gap
// analysis behind them never runs on the web process's event loop. A fresh thread per round with
// checks waiting (after a change, so rarely): its memory is given back when it ends. Claims in the
// database (AlertCheck.claimedAt) keep each check answered once, whichever thread or instance runs it.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { AlertChecksOutcome } from "~/workers/alert-checks";

const root = () => path.resolve(process.env.APP_ROOT ?? process.cwd());

/** Answers every waiting status check in a worker thread; returns how many people were told. */
export function processAlertChecksInWorker(): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(root(), "app/workers/alert-worker.mjs"), {
      workerData: { root: root() },
    });
    let outcome: AlertChecksOutcome | null = null;
    worker.once("message", (o: AlertChecksOutcome) => (outcome = o));
    worker.once("error", reject);
    // Settled when the thread has ended (its database connections closed), not at its message.
    worker.once("exit", (code) => {
      if (!outcome) reject(new Error(`the alert-check worker stopped (exit code ${code}) before answering`));
      else if (outcome.ok) resolve(outcome.told);
      else reject(new Error(outcome.message));
    });
  });
}
