// The entry of an import worker thread (started by app/utils/import-worker.server.ts): loads the
// TypeScript job runner through tsx, runs the one job it was given and posts the outcome back.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: workerData.tsconfig });
const { runJob } = await import(workerData.entry);
parentPort.postMessage(await runJob(workerData.job));
