// npm run cli -- <command> [args]: the operator's tool. It works with the database owner's rights.
// It never migrates (the schema engine's exclusive lock would fail while a server uses the file):
// it checks, without a lock, that every migration is applied, and otherwise says to run db:migrate.
// Exit 0 on success; otherwise a one-line reason on stderr and a non-zero exit.
// npm run cli starts node with V8's allocation-site pretenuring off: while a large file is checked,
// V8 otherwise starts allocating each row's short-lived objects (cells, checked values) straight in
// the old generation, which then grows by ~140 MB of garbage between full collections (a 500,000-row
// survey results file: peak heap 190 MB for a live set of 45 MB; 70-125 MB with the flag).
// @ts-expect-error -- plain ES module without type declarations
import { pendingMigrations } from "../../scripts/migrations.mjs";
import { CliError, type Command } from "./command";

const commands: Record<string, () => Promise<{ default: Command }>> = {
  user: () => import("./commands/user"),
  audit: () => import("./commands/audit"),
  import: () => import("./commands/import"),
  export: () => import("./commands/export"),
  flags: () => import("./commands/flags"),
  "copy-db": () => import("./commands/copy-db"),
  seed: () => import("./commands/seed"),
  precompute: () => import("./commands/precompute"),
};

const usage = `Usage: npm run cli -- <command>
  user create --email E --role R [--org ODS] [--region R | --icb ICB] [--name N] [--password P]
  audit verify
  import KIND FILE       (KIND: orgs, roles, training, job-plans, pulse, responses)
  import ods FILE        (the ODS trust file etr.csv, as NHS Digital publishes it)
  import icb-names FILE  (two columns: ICB code, name)
  export KIND FILE
  flags --format json|csv [--out FILE]
  copy-db --to postgresql://…   (copies this SQLite database into an empty PostgreSQL one, then verifies)
  seed --scale national [--trusts N]   (fictional trusts; default 220)
  precompute [--watch]   (analyses and measures kept for the pages; --watch: again after every change)`;

/** Exit code when the database is not (fully) migrated. */
const NEEDS_MIGRATION = 3;

async function assertMigrated(): Promise<void> {
  const state = (await pendingMigrations()) as { file: string; missing: boolean; pending: string[]; failed: string[] };
  if (state.failed.length) {
    throw new CliError(
      `the database ${state.file} has a failed migration (${state.failed.join(", ")}); resolve it, then run npm run db:migrate`,
      NEEDS_MIGRATION,
    );
  }
  if (state.missing) throw new CliError(`there is no database at ${state.file}; create it with npm run db:migrate`, NEEDS_MIGRATION);
  if (state.pending.length) {
    throw new CliError(
      `the database ${state.file} needs migrating (${state.pending.length} pending: ${state.pending.join(", ")}); run npm run db:migrate`,
      NEEDS_MIGRATION,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(usage + "\n");
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command "${name}"; run npm run cli -- help`);
  await assertMigrated();
  const command = (await load()).default;
  try {
    return (await command(rest)) ?? 0;
  } finally {
    await (await import("./deliver")).deliverBeforeExit();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split("\n")[0]}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  });
