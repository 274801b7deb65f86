// User accounts, invitations and password-reset links (administrators only; see permissions.ts).
// There is no email server: an invitation or reset makes a one-time link that the administrator
// passes on. The link's token is random and only its SHA-256 is stored, so the database cannot be
// used to rebuild a link. Links are single use and expire. Every change is audited with before/after.
import { z } from "zod";
import { today } from "~/domain/calendar";
import { isClosedOn } from "~/domain/organisations/closed";
import { checkPasswordStrength } from "~/domain/passwords";
import { formatDate } from "~/domain/text";
import { type UserRole, regions, userRoles } from "~/domain/vocab";
import { inviteEmail, resetEmail } from "~/domain/alerts";
import { formatLinkExpiry, linkUrl, queueAccountEmail } from "~/models/account-email.server";
import { type Actor, recordAudit } from "~/models/audit.server";
import { StaleEditError, isUniqueViolation } from "~/models/errors.server";
import { accountKey } from "~/models/sign-in.server";
import { hashPassword, hashToken, newToken } from "~/utils/auth.server";
import { type Tx, db, containsText, sortField } from "~/utils/db.server";
import { PAGE_SIZE, type ListParams } from "~/utils/list-params";

export const INVITE_DAYS = 7;
/** Reset links are shorter-lived than invitations: they replace a working password. */
export const RESET_HOURS = 24;

/** Roles that belong to one organisation (the others see every organisation). */
export const ORGANISATION_ROLES: readonly UserRole[] = ["hr", "medical_director", "board_member"];

export function needsOrganisation(role: UserRole): boolean {
  return ORGANISATION_ROLES.includes(role);
}

/** A problem with one form field, found by the data layer (e.g. an email already in use). */
export class UserFieldError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "UserFieldError";
  }
}

/** The change is refused as a whole (e.g. it would leave no active administrator). */
export class UserRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserRuleError";
  }
}

// ---------------------------------------------------------------------------------------------
// Validation (shared by the pages)

const roleField = z.enum(userRoles.values, { error: "Select a role" });
const organisationField = z.preprocess(
  (v) => (v === "" || v == null ? null : Number(v)),
  z
    .number({ error: "Select an organisation" })
    .int({ error: "Select an organisation" })
    .positive({ error: "Select an organisation" })
    .nullable(),
);

function roleOrganisationRule(v: { role: UserRole; organisationId: number | null }, ctx: z.RefinementCtx) {
  if (needsOrganisation(v.role) && v.organisationId == null)
    ctx.addIssue({
      code: "custom",
      path: ["organisationId"],
      message: `Select the organisation: a ${userRoles.label(v.role).toLowerCase()} account belongs to one organisation`,
    });
  if (!needsOrganisation(v.role) && v.organisationId != null)
    ctx.addIssue({
      code: "custom",
      path: ["organisationId"],
      message: `Leave the organisation empty: an ${userRoles.label(v.role).toLowerCase()} sees every organisation`,
    });
}

// (the analyst limit fields are shared by the invitation and the account form)
const emptyToNull = (v: unknown) => (v === "" ? null : v);
const scopeRegionField = z.preprocess(
  emptyToNull,
  z.enum(regions.values, { error: "Select a region from the list" }).nullable().optional(),
);
const scopeIcbField = z.preprocess(
  emptyToNull,
  z.string().trim().toUpperCase().max(10, "Select an ICB from the list").nullable().optional(),
);

/** An analyst may be limited to one region or one ICB; no other role is (their scope is their organisation or all). */
function analystScopeRule(v: { role: UserRole; scopeRegion?: string | null; scopeIcb?: string | null }, ctx: z.RefinementCtx) {
  if (v.role !== "analyst") {
    for (const field of ["scopeRegion", "scopeIcb"] as const)
      if (v[field])
        ctx.addIssue({ code: "custom", path: [field], message: "Leave this empty: only an analyst can be limited to a region or ICB" });
  } else if (v.scopeRegion && v.scopeIcb) {
    ctx.addIssue({ code: "custom", path: ["scopeIcb"], message: "Choose a region or an ICB, not both" });
  }
}

export const inviteSchema = z
  .object({
    email: z
      .string({ error: "Enter an email address" })
      .trim()
      .toLowerCase()
      .min(1, "Enter an email address")
      .max(254, "Email address must be 254 characters or fewer")
      .email("Enter an email address like name@nhs.net"),
    name: z
      .string({ error: "Enter the person's full name" })
      .trim()
      .min(1, "Enter the person's full name")
      .max(200, "Name must be 200 characters or fewer"),
    role: roleField,
    organisationId: organisationField,
    scopeRegion: scopeRegionField,
    scopeIcb: scopeIcbField,
  })
  .superRefine(roleOrganisationRule)
  .superRefine(analystScopeRule);
export type InviteInput = z.output<typeof inviteSchema>;

export const userAccessSchema = z
  .object({ role: roleField, organisationId: organisationField, scopeRegion: scopeRegionField, scopeIcb: scopeIcbField })
  .superRefine(roleOrganisationRule)
  .superRefine(analystScopeRule);
export type UserAccessInput = z.output<typeof userAccessSchema>;

/** The new-password form of an invitation or reset link. */
export function newPasswordSchema(email: string) {
  return z
    .object({
      password: z.string({ error: "Enter a password" }).min(1, "Enter a password"),
      confirmPassword: z.string({ error: "Enter the password again" }).min(1, "Enter the password again"),
    })
    .superRefine((v, ctx) => {
      const problem = checkPasswordStrength(v.password, email);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      else if (v.confirmPassword && v.password !== v.confirmPassword)
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
    });
}

// ---------------------------------------------------------------------------------------------
// Reading

export const userSortKeys = ["email", "name", "role", "lastSignInAt", "createdAt"] as const;
export type UserSort = (typeof userSortKeys)[number];

export type UserFilters = { role: UserRole | null; organisationId: number | null; active: boolean | null };

export function readUserFilters(url: URL): UserFilters {
  const p = url.searchParams;
  const role = p.get("role");
  const org = Number(p.get("organisationId"));
  const active = p.get("active");
  return {
    role: role && (userRoles.values as readonly string[]).includes(role) ? (role as UserRole) : null,
    organisationId: Number.isInteger(org) && org > 0 ? org : null,
    active: active === "yes" ? true : active === "no" ? false : null,
  };
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  organisationId: true,
  scopeRegion: true,
  scopeIcb: true,
  active: true,
  failedSignIns: true,
  lockedUntil: true,
  lastSignInAt: true,
  passwordChangedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { id: true, odsCode: true, name: true } },
} as const;

export async function listUsers(params: ListParams<UserSort>, filters: UserFilters) {
  const where = {
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.organisationId ? { organisationId: filters.organisationId } : {}),
    ...(filters.active === null ? {} : { active: filters.active }),
    ...(params.q ? { OR: [{ email: containsText(params.q.toLowerCase()) }, { name: containsText(params.q) }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      select: userSelect,
      orderBy: [sortField(params.sort, params.dir, ["lastSignInAt"]), { id: "asc" }],
      skip: (params.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.user.count({ where }),
  ]);
  return { rows, total };
}

export async function getUserAccount(id: number) {
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) return null;
  const activeSessions = await db.session.count({ where: { userId: id, expiresAt: { gt: new Date() } } });
  return { ...user, activeSessions };
}

/** Invitations not yet accepted and not expired, newest first. */
export async function pendingInvites() {
  return db.invite.findMany({
    where: { purpose: "invite", usedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      organisationId: true,
      expiresAt: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

/** Counts for the administration hub. */
export async function adminCounts() {
  const [activeUsers, pendingInvites] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.invite.count({ where: { purpose: "invite", usedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  return { activeUsers, pendingInvites };
}

/** Every organisation, for the role/organisation pickers (administrators see all). */
/** The ICBs an analyst may be limited to: every ICB code organisations carry, with its name when loaded. */
export async function icbOptions(): Promise<{ value: string; label: string }[]> {
  const [codes, names] = await Promise.all([
    db.organisation.findMany({ where: { icb: { not: null } }, distinct: ["icb"], select: { icb: true }, orderBy: { icb: "asc" } }),
    db.icb.findMany({ select: { code: true, name: true } }),
  ]);
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return codes
    .map((c) => c.icb!)
    .map((code) => ({ value: code, label: nameOf.has(code) ? `${nameOf.get(code)} (${code})` : code }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** An analyst's scope in words, for the audit trail and the account page. */
export function analystScopeText(u: { scopeRegion: string | null; scopeIcb: string | null }): string {
  return u.scopeIcb ? `ICB ${u.scopeIcb}` : u.scopeRegion ? `${regions.label(u.scopeRegion)} region` : "every organisation";
}

// ---------------------------------------------------------------------------------------------
// Invitations and reset links

/** `emailed`: the link was also queued for sending by email (asked for, and email is on). */
export type IssuedLink = { token: string; expiresAt: Date; email: string; purpose: "invite" | "reset"; emailed?: boolean };

/** `keep`: the organisation the account already has may stay chosen after it closed. */
async function assertOrganisationExists(organisationId: number | null, keep: number | null = null) {
  if (organisationId == null) return;
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, closedOn: true } });
  if (!org) throw new UserFieldError("Select an organisation from the list", "organisationId");
  if (organisationId !== keep && isClosedOn(org.closedOn, today()))
    throw new UserFieldError(`${org.name} closed on ${formatDate(org.closedOn!)}: select an open organisation`, "organisationId");
}

async function assertIcbExists(icb: string | null | undefined) {
  if (icb && !(await db.organisation.findFirst({ where: { icb }, select: { id: true } })))
    throw new UserFieldError("Select an ICB from the list", "scopeIcb");
}

/** Creates an invitation and returns its one-time token (shown once, never stored). */
export async function createInvite(actor: Actor, input: InviteInput, opts: { email?: boolean } = {}): Promise<IssuedLink> {
  let emailed = false;
  if (actor.userId == null) throw new UserRuleError("Only a signed-in administrator can invite people");
  const valid = inviteSchema.parse(input);
  await assertOrganisationExists(valid.organisationId);
  await assertIcbExists(valid.scopeIcb);
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 24 * 3600_000);
  await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: valid.email }, select: { id: true } });
    if (existing)
      throw new UserFieldError(
        "An account with this email address already exists. Open it to issue a password-reset link instead.",
        "email",
      );
    // A new invitation replaces any earlier one for the same address.
    await tx.invite.updateMany({
      where: { email: valid.email, purpose: "invite", usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const invite = await tx.invite.create({
      data: {
        tokenHash: hashToken(token),
        purpose: "invite",
        email: valid.email,
        name: valid.name,
        role: valid.role,
        organisationId: valid.organisationId,
        scopeRegion: valid.role === "analyst" ? (valid.scopeRegion ?? null) : null,
        scopeIcb: valid.role === "analyst" ? (valid.scopeIcb ?? null) : null,
        createdById: actor.userId!,
        expiresAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "invite",
      entity: "Invite",
      entityId: invite.id,
      organisationId: valid.organisationId,
      summary: `Invited ${valid.email} as ${userRoles.label(valid.role)}${
        invite.scopeRegion || invite.scopeIcb ? `, limited to ${analystScopeText(invite)}` : ""
      } (link expires ${expiresAt.toISOString().slice(0, 10)})`,
      after: {
        email: valid.email,
        name: valid.name,
        role: valid.role,
        organisationId: valid.organisationId,
        scopeRegion: invite.scopeRegion,
        scopeIcb: invite.scopeIcb,
        expiresAt,
      },
    });
    if (opts.email)
      emailed = await queueAccountEmail(
        tx,
        null,
        valid.email,
        inviteEmail(valid.name, userRoles.label(valid.role), linkUrl(token), formatLinkExpiry(expiresAt)),
      );
  });
  return { token, expiresAt, email: valid.email, purpose: "invite", emailed };
}

/** Creates a password-reset link for an existing, active account. Earlier unused links stop working. */
export async function createPasswordReset(actor: Actor, userId: number, opts: { email?: boolean } = {}): Promise<IssuedLink> {
  let emailed = false;
  if (actor.userId == null) throw new UserRuleError("Only a signed-in administrator can issue reset links");
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3600_000);
  const email = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new StaleEditError("user");
    if (!user.active) throw new UserRuleError("This account is deactivated. Reactivate it before issuing a password-reset link.");
    await tx.invite.updateMany({ where: { userId, purpose: "reset", usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const invite = await tx.invite.create({
      data: {
        tokenHash: hashToken(token),
        purpose: "reset",
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationId,
        userId,
        createdById: actor.userId!,
        expiresAt,
      },
    });
    await recordAudit(tx, actor, {
      action: "password_reset_issued",
      entity: "User",
      entityId: userId,
      organisationId: user.organisationId,
      summary: `Issued a password-reset link for ${user.email} (invite ${invite.id}, expires ${expiresAt.toISOString()})`,
    });
    if (opts.email)
      emailed = await queueAccountEmail(tx, user.id, user.email, resetEmail(user.name, linkUrl(token), formatLinkExpiry(expiresAt)));
    return user.email;
  });
  return { token, expiresAt, email, purpose: "reset", emailed };
}

export type LinkState =
  | {
      ok: true;
      invite: {
        id: number;
        purpose: "invite" | "reset";
        email: string;
        name: string;
        role: UserRole;
        organisationName: string | null;
        expiresAt: Date;
      };
    }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** What a link from /invite/<token> refers to, without using it. */
export async function inspectLink(token: string): Promise<LinkState> {
  if (!token || token.length > 200) return { ok: false, reason: "unknown" };
  const invite = await db.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invite) return { ok: false, reason: "unknown" };
  if (invite.usedAt) return { ok: false, reason: "used" };
  if (invite.expiresAt <= new Date()) return { ok: false, reason: "expired" };
  const org = invite.organisationId
    ? await db.organisation.findUnique({ where: { id: invite.organisationId }, select: { name: true } })
    : null;
  return {
    ok: true,
    invite: {
      id: invite.id,
      purpose: invite.purpose === "reset" ? "reset" : "invite",
      email: invite.email,
      name: invite.name,
      role: invite.role as UserRole,
      organisationName: org?.name ?? null,
      expiresAt: invite.expiresAt,
    },
  };
}

/** The link could not be used (already used, expired, or the account changed since). */
export class LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LinkError";
  }
}

/**
 * Uses a link: sets the password (creating the account for an invitation) and marks the link used,
 * in one transaction, so a link works once even if submitted twice at the same moment. A reset also
 * ends the account's other sessions and clears its sign-in lock. Returns the user to sign in.
 */
export async function acceptLink(token: string, password: string, actor: Actor): Promise<{ userId: number; email: string }> {
  const state = await inspectLink(token);
  if (!state.ok) throw new LinkError(linkProblem(state.reason));
  const problem = checkPasswordStrength(password, state.invite.email);
  if (problem) throw new UserFieldError(problem, "password");
  const passwordHash = await hashPassword(password); // slow: outside the transaction
  const now = new Date();
  try {
    return await db.$transaction(async (tx) => {
      const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(token) } });
      if (!invite) throw new LinkError(linkProblem("unknown"));
      const claimed = await tx.invite.updateMany({ where: { id: invite.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (claimed.count !== 1) throw new LinkError(linkProblem("used"));
      if (invite.purpose === "reset") {
        const user = invite.userId ? await tx.user.findUnique({ where: { id: invite.userId } }) : null;
        if (!user || !user.active) throw new LinkError("This account has been deactivated. Ask your administrator.");
        await tx.user.update({
          where: { id: user.id },
          data: { passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null },
        });
        await tx.session.deleteMany({ where: { userId: user.id } });
        await tx.signInThrottle.deleteMany({ where: { key: accountKey(user.email) } });
        await recordAudit(
          tx,
          { ...actor, userId: user.id, email: user.email },
          {
            action: "password_reset",
            entity: "User",
            entityId: user.id,
            organisationId: user.organisationId,
            summary: `Password set with a reset link by ${user.email}; other sessions ended`,
          },
        );
        return { userId: user.id, email: user.email };
      }
      const existing = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } });
      if (existing)
        throw new LinkError(
          "An account with this email address already exists. Sign in, or ask your administrator for a password-reset link.",
        );
      const user = await tx.user.create({
        data: {
          email: invite.email,
          name: invite.name || invite.email,
          role: invite.role,
          organisationId: invite.organisationId,
          scopeRegion: invite.scopeRegion,
          scopeIcb: invite.scopeIcb,
          passwordHash,
          passwordChangedAt: now,
        },
      });
      await recordAudit(
        tx,
        { ...actor, userId: user.id, email: user.email },
        {
          action: "invite_accepted",
          entity: "User",
          entityId: user.id,
          organisationId: user.organisationId,
          summary: `Accepted invitation ${invite.id}: account created for ${user.email}`,
          after: pickAccess(user),
        },
      );
      return { userId: user.id, email: user.email };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new LinkError(
        "An account with this email address already exists. Sign in, or ask your administrator for a password-reset link.",
      );
    throw error;
  }
}

export function linkProblem(reason: "unknown" | "used" | "expired"): string {
  if (reason === "used") return "This link has already been used. Each link works once: ask your administrator for a new one.";
  if (reason === "expired") return "This link has expired. Ask your administrator for a new one.";
  return "This link is not valid. Check you copied all of it, or ask your administrator for a new one.";
}

// ---------------------------------------------------------------------------------------------
// Changing accounts

type UserRow = { id: number; email: string; role: string; organisationId: number | null; active: boolean; name: string };

function pickAccess(u: Pick<UserRow, "email" | "name" | "role" | "organisationId" | "active">) {
  return { email: u.email, name: u.name, role: u.role, organisationId: u.organisationId, active: u.active };
}

async function otherActiveAdministrators(tx: Tx, exceptId: number) {
  return tx.user.count({ where: { role: "administrator", active: true, NOT: { id: exceptId } } });
}

/** Changes a user's role and organisation. A change of role is audited as "role_change". */
export async function changeUserAccess(actor: Actor, id: number, version: number, input: UserAccessInput) {
  const valid = userAccessSchema.parse(input);
  const current = await db.user.findUnique({ where: { id }, select: { organisationId: true } });
  await assertOrganisationExists(valid.organisationId, current?.organisationId ?? null);
  await assertIcbExists(valid.scopeIcb);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new StaleEditError("user");
    // Left out (undefined): kept, so a caller that does not know about the limit never widens it; cleared
    // for any role but analyst.
    const analyst = valid.role === "analyst";
    const scopeRegion = analyst ? (valid.scopeRegion === undefined ? before.scopeRegion : valid.scopeRegion) : null;
    const scopeIcb = analyst ? (valid.scopeIcb === undefined ? before.scopeIcb : valid.scopeIcb) : null;
    if (before.role === "administrator" && valid.role !== "administrator") {
      if (actor.userId === id) throw new UserRuleError("You cannot remove your own administrator role. Ask another administrator.");
      if (before.active && (await otherActiveAdministrators(tx, id)) === 0)
        throw new UserRuleError("This is the last active administrator: make someone else an administrator first.");
    }
    const { count } = await tx.user.updateMany({
      where: { id, version },
      data: { role: valid.role, organisationId: valid.organisationId, scopeRegion, scopeIcb, version: { increment: 1 } },
    });
    if (count === 0) throw new StaleEditError("user");
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    const roleChanged = before.role !== after.role;
    const orgChanged = before.organisationId !== after.organisationId;
    const limitChanged = before.scopeRegion !== after.scopeRegion || before.scopeIcb !== after.scopeIcb;
    if (limitChanged && !roleChanged && !orgChanged) {
      await recordAudit(tx, actor, {
        action: "update",
        entity: "User",
        entityId: id,
        organisationId: after.organisationId,
        summary: `Changed what ${after.email} sees to ${analystScopeText(after)} (was ${analystScopeText(before)})`,
        before: { scopeRegion: before.scopeRegion, scopeIcb: before.scopeIcb },
        after: { scopeRegion: after.scopeRegion, scopeIcb: after.scopeIcb },
      });
    }
    if (roleChanged || orgChanged) {
      await recordAudit(tx, actor, {
        action: roleChanged ? "role_change" : "update",
        entity: "User",
        entityId: id,
        organisationId: after.organisationId ?? before.organisationId,
        summary: roleChanged
          ? `Changed role of ${after.email} from ${userRoles.label(before.role)} to ${userRoles.label(after.role)}`
          : `Moved ${after.email} to another organisation`,
        before: { role: before.role, organisationId: before.organisationId, scopeRegion: before.scopeRegion, scopeIcb: before.scopeIcb },
        after: { role: after.role, organisationId: after.organisationId, scopeRegion: after.scopeRegion, scopeIcb: after.scopeIcb },
      });
    }
    return after;
  });
}

/** Deactivates (ending every session and unused reset link) or reactivates an account. */
export async function setUserActive(actor: Actor, id: number, version: number, active: boolean) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new StaleEditError("user");
    if (!active) {
      if (actor.userId === id) throw new UserRuleError("You cannot deactivate your own account. Ask another administrator.");
      if (before.role === "administrator" && (await otherActiveAdministrators(tx, id)) === 0)
        throw new UserRuleError("This is the last active administrator: make someone else an administrator first.");
    }
    const { count } = await tx.user.updateMany({ where: { id, version }, data: { active, version: { increment: 1 } } });
    if (count === 0) throw new StaleEditError("user");
    let endedSessions = 0;
    if (!active) {
      endedSessions = (await tx.session.deleteMany({ where: { userId: id } })).count;
      await tx.invite.updateMany({ where: { userId: id, usedAt: null, expiresAt: { gt: new Date() } }, data: { expiresAt: new Date() } });
    }
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, actor, {
      action: active ? "reactivate" : "deactivate",
      entity: "User",
      entityId: id,
      organisationId: after.organisationId,
      summary: active
        ? `Reactivated ${after.email}`
        : `Deactivated ${after.email}; ${endedSessions} session${endedSessions === 1 ? "" : "s"} ended`,
      before: { active: before.active },
      after: { active: after.active },
    });
    return after;
  });
}

/** Clears an account's sign-in lock and failure count. */
export async function unlockUser(actor: Actor, id: number) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new StaleEditError("user");
    await tx.signInThrottle.deleteMany({ where: { key: accountKey(before.email) } });
    const after = await tx.user.update({ where: { id }, data: { failedSignIns: 0, lockedUntil: null } });
    await recordAudit(tx, actor, {
      action: "unlock",
      entity: "User",
      entityId: id,
      organisationId: after.organisationId,
      summary: `Cleared the sign-in lock of ${after.email}`,
      before: { failedSignIns: before.failedSignIns, lockedUntil: before.lockedUntil },
      after: { failedSignIns: 0, lockedUntil: null },
    });
    return after;
  });
}

/** Whether the account is locked now (by failures on the account). */
export async function accountLockedUntil(email: string): Promise<Date | null> {
  const t = await db.signInThrottle.findUnique({ where: { key: accountKey(email) } });
  return t?.lockedUntil && t.lockedUntil > new Date() ? t.lockedUntil : null;
}
