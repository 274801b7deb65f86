// audit verify — checks the audit trail's hash chain end to end.
import { verifyAuditChain } from "~/models/audit.server";
import { CliError, type Command } from "../command";

const command: Command = async (args) => {
  if (args[0] !== "verify") throw new CliError("usage: audit verify", 2);
  const result = await verifyAuditChain();
  if (!result.ok) throw new CliError(`audit trail broken at event ${result.brokenAt}: ${result.reason}`);
  process.stdout.write(`Audit trail intact: ${result.events} events verified.\n`);
};

export default command;
