// user create — makes an account (e.g. the first administrator of a new install).
import { z } from "zod";
import { userRoles } from "~/domain/vocab";
import { cliActor, recordAudit } from "~/models/audit.server";
import { checkPasswordStrength } from "~/domain/passwords";
import { hashPassword, newToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { CliError, type Command, parseFlags } from "../command";

const command: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub !== "create") throw new CliError("usage: user create --email E --role R [--org ODS] [--name N] [--password P]", 2);
  const { flags } = parseFlags(rest, ["email", "role", "org", "name", "password"]);
  const email = z
    .string()
    .trim()
    .toLowerCase()
    .email()
    .safeParse(flags.email ?? "");
  if (!email.success) throw new CliError("--email must be an email address", 2);
  const role = z.enum(userRoles.values).safeParse(flags.role);
  if (!role.success) throw new CliError(`--role must be one of ${userRoles.values.join(", ")}`, 2);
  const needsOrg = role.data !== "administrator" && role.data !== "analyst";
  let organisationId: number | null = null;
  if (flags.org) {
    const org = await db.organisation.findUnique({ where: { odsCode: flags.org.toUpperCase() }, select: { id: true } });
    if (!org) throw new CliError(`no organisation with ODS code ${flags.org}`);
    organisationId = needsOrg ? org.id : null;
  }
  if (needsOrg && !organisationId) throw new CliError(`a ${role.data} user needs --org ODS`, 2);
  const generated = !flags.password;
  const password = flags.password ?? newToken().slice(0, 20);
  const problem = checkPasswordStrength(password, email.data);
  if (problem) throw new CliError(`--password: ${problem}`, 2);
  if (await db.user.findUnique({ where: { email: email.data } })) throw new CliError(`a user with email ${email.data} already exists`);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email: email.data,
        name: flags.name ?? email.data.split("@")[0]!,
        role: role.data,
        organisationId,
        passwordHash,
        passwordChangedAt: new Date(),
      },
    });
    await recordAudit(tx, cliActor, {
      action: "create",
      entity: "User",
      entityId: created.id,
      organisationId,
      summary: `Created ${role.data} account ${created.email} from the command line`,
      after: { email: created.email, role: created.role, organisationId },
    });
    return created;
  });
  process.stdout.write(`Created ${user.role} ${user.email}${generated ? ` with password ${password}` : ""}\n`);
};

export default command;
