// user create — makes an account (e.g. the first administrator of a new install, or an analyst
// limited to one region or ICB). Role, organisation and limit follow the same rules as the web forms.
import { z } from "zod";
import { regions, userRoles } from "~/domain/vocab";
import { cliActor, recordAudit } from "~/models/audit.server";
import { checkPasswordStrength } from "~/domain/passwords";
import { analystScopeText, userAccessSchema } from "~/models/user.server";
import { hashPassword, newToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { CliError, type Command, parseFlags } from "../command";

const command: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub !== "create")
    throw new CliError("usage: user create --email E --role R [--org ODS] [--region R | --icb ICB] [--name N] [--password P]", 2);
  const { flags } = parseFlags(rest, ["email", "role", "org", "region", "icb", "name", "password"]);
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
  const limit = userAccessSchema.safeParse({
    role: role.data,
    organisationId,
    scopeRegion: flags.region ?? null,
    scopeIcb: flags.icb ?? null,
  });
  if (!limit.success) {
    const issue = limit.error.issues[0]!;
    const flag = issue.path[0] === "scopeRegion" ? "--region" : issue.path[0] === "scopeIcb" ? "--icb" : "--org";
    const hint = issue.path[0] === "scopeRegion" && role.data === "analyst" ? ` (one of ${regions.values.join(", ")})` : "";
    throw new CliError(`${flag}: ${issue.message}${hint}`, 2);
  }
  const { scopeRegion = null, scopeIcb = null } = limit.data;
  if (scopeIcb && !(await db.organisation.findFirst({ where: { icb: scopeIcb }, select: { id: true } })))
    throw new CliError(`--icb: no organisation is in ICB ${scopeIcb}`, 2);
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
        scopeRegion,
        scopeIcb,
        passwordHash,
        passwordChangedAt: new Date(),
      },
    });
    await recordAudit(tx, cliActor, {
      action: "create",
      entity: "User",
      entityId: created.id,
      organisationId,
      summary: `Created ${role.data} account ${created.email} from the command line${
        scopeRegion || scopeIcb ? `, limited to ${analystScopeText({ scopeRegion, scopeIcb })}` : ""
      }`,
      after: { email: created.email, role: created.role, organisationId, scopeRegion, scopeIcb },
    });
    return created;
  });
  const limited = scopeRegion || scopeIcb ? ` limited to ${analystScopeText({ scopeRegion, scopeIcb })}` : "";
  process.stdout.write(`Created ${user.role} ${user.email}${limited}${generated ? ` with password ${password}` : ""}\n`);
};

export default command;
