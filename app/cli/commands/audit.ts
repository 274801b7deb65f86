// audit verify — checks the audit trail's keyed hash chain end to end and against its recorded head.
import { verifyAuditChain } from "~/models/audit.server";
import { CliError, type Command } from "../command";

const command: Command = async (args) => {
  if (args[0] !== "verify") throw new CliError("usage: audit verify", 2);
  const result = await verifyAuditChain();
  if (!result.ok) throw new CliError(`audit trail broken${result.brokenAt ? ` at event ${result.brokenAt}` : ""}: ${result.reason}`);
  process.stdout.write(`Audit trail intact: ${result.events} events verified.\n`);
  if (result.legacyEvents > 0) {
    process.stdout.write(
      `${result.legacyEvents} of them were written before the keyed chain: they are checked by plain SHA-256 and the recorded count only.\n`,
    );
  }
};

export default command;
