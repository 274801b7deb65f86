// precompute [--watch] — computes the results pages read (the gap analysis as at today and each of the
// last eight quarter ends, every organisation's measures, the national view) and keeps them in the
// database (computed-cache.server.ts), so page views read them instead of computing them. With
// --watch it stays running and does so again whenever the data or settings change: the production
// server (scripts/serve.mjs) runs it beside the web workers, so recomputation after an import, an
// edit, an undo or a settings change happens off the request path.
import { dataFingerprint, notePrecomputeRunning, pruneComputedResults } from "~/models/computed-cache.server";
import { today } from "~/domain/calendar";
import { holdNationalViewInputs, nationalView } from "~/models/dashboard.server";
import { analyseOrganisations } from "~/models/gap-analysis.server";
import { CliError, type Command } from "../command";

const all = { kind: "all" } as const;

async function warm(): Promise<number> {
  const started = performance.now();
  await analyseOrganisations(all);
  await nationalView(all, { asAt: today() });
  // Read from the stored results once after start-up (nothing to do after a recomputation).
  await holdNationalViewInputs(today());
  return performance.now() - started;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const command: Command = async (args) => {
  const watch = args.includes("--watch");
  if (args.some((a) => a !== "--watch")) throw new CliError("usage: precompute [--watch]", 2);
  if (!watch) {
    const ms = await warm();
    process.stdout.write(`Computed results are up to date (${(ms / 1000).toFixed(1)} s).\n`);
    return;
  }
  // While it runs, other processes (the CLI after an import) wait for its results rather than compute
  // them too (computed-cache.server.ts); it never waits for itself.
  process.env.COMPUTED_BY_PRECOMPUTE = "0";
  await notePrecomputeRunning();
  // One note at a time: one waiting on an import's write lock is not joined by more.
  let noting: Promise<void> | null = null;
  setInterval(() => {
    noting ??= notePrecomputeRunning().finally(() => (noting = null));
  }, 1000).unref();
  let done = "";
  for (;;) {
    const state = `${await dataFingerprint()}|${today()}`;
    if (state !== done) {
      try {
        const ms = await warm();
        done = state;
        await pruneComputedResults();
        process.stdout.write(`[precompute] results for data ${state} computed in ${(ms / 1000).toFixed(1)} s\n`);
      } catch (error) {
        // A busy database or a failure: keep serving what there is, try again shortly.
        process.stderr.write(`[precompute] ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
      }
    }
    await sleep(200);
  }
};

export default command;
