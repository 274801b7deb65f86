// Who may sign in by single sign-on, and linking the provider's identity to a tracker account.
// Only people an administrator has registered may sign in: by their provider identity (subject,
// registered in advance on the user's page), by an account with their email address, or by an open
// invitation to that address (which then creates the account with the role and organisation the
// administrator chose). The first SSO sign-in links the identity to the account, and later sign-ins
// go by the provider's subject, which does not change when a name or email does. All audited.
import { type Actor, recordAudit, recordAuditNow } from "~/models/audit.server";
import { db } from "~/utils/db.server";

export type SsoClaims = { provider: string; providerName: string; subject: string; email: string | null };

export type SsoSignIn =
  | { ok: true; user: { id: number; email: string }; linked: boolean }
  | { ok: false; reason: "unregistered" | "inactive" | "other_identity"; email: string | null };

/** Finds (and on first use links) the account for a provider identity; null when not registered. */
export async function signInWithSso(claims: SsoClaims, actor: Actor): Promise<SsoSignIn> {
  const now = new Date();
  const outcome = await db.$transaction(async (tx): Promise<SsoSignIn> => {
    const identity = await tx.userIdentity.findUnique({
      where: { provider_subject: { provider: claims.provider, subject: claims.subject } },
      include: { user: { select: { id: true, email: true, active: true, organisationId: true } } },
    });
    if (identity) {
      if (!identity.user.active) return { ok: false, reason: "inactive", email: identity.user.email };
      const linked = identity.linkedAt === null;
      if (linked) {
        await tx.userIdentity.update({ where: { id: identity.id }, data: { linkedAt: now, email: claims.email } });
        await recordAudit(
          tx,
          { ...actor, userId: identity.user.id, email: identity.user.email },
          {
            action: "sso_link",
            entity: "User",
            entityId: identity.user.id,
            organisationId: identity.user.organisationId,
            summary: `First sign-in with ${claims.providerName}: the registered identity is now linked to ${identity.user.email}`,
          },
        );
      }
      return { ok: true, user: { id: identity.user.id, email: identity.user.email }, linked };
    }
    if (!claims.email) return { ok: false, reason: "unregistered", email: null };
    let user = await tx.user.findUnique({
      where: { email: claims.email },
      select: { id: true, email: true, active: true, organisationId: true },
    });
    let via = "the account with this email address";
    if (!user) {
      // An open invitation to this address is the administrator's registration.
      const invite = await tx.invite.findFirst({
        where: { email: claims.email, purpose: "invite", usedAt: null, expiresAt: { gt: now } },
        orderBy: { id: "desc" },
      });
      if (!invite) return { ok: false, reason: "unregistered", email: claims.email };
      await tx.invite.update({ where: { id: invite.id }, data: { usedAt: now } });
      user = await tx.user.create({
        data: {
          email: invite.email,
          name: invite.name || invite.email,
          role: invite.role,
          organisationId: invite.organisationId,
          scopeRegion: invite.scopeRegion,
          scopeIcb: invite.scopeIcb,
          passwordHash: null,
        },
        select: { id: true, email: true, active: true, organisationId: true },
      });
      via = `invitation ${invite.id}`;
      await recordAudit(
        tx,
        { ...actor, userId: user.id, email: user.email },
        {
          action: "invite_accepted",
          entity: "User",
          entityId: user.id,
          organisationId: user.organisationId,
          summary: `Accepted invitation ${invite.id} by signing in with ${claims.providerName}: account created for ${user.email}`,
          after: {
            email: user.email,
            role: invite.role,
            organisationId: invite.organisationId,
            scopeRegion: invite.scopeRegion,
            scopeIcb: invite.scopeIcb,
          },
        },
      );
    }
    if (!user.active) return { ok: false, reason: "inactive", email: user.email };
    const other = await tx.userIdentity.findUnique({ where: { userId_provider: { userId: user.id, provider: claims.provider } } });
    // The account is already linked to another identity at this provider: never re-link by email.
    if (other) return { ok: false, reason: "other_identity", email: user.email };
    await tx.userIdentity.create({
      data: { userId: user.id, provider: claims.provider, subject: claims.subject, email: claims.email, linkedAt: now },
    });
    await recordAudit(
      tx,
      { ...actor, userId: user.id, email: user.email },
      {
        action: "sso_link",
        entity: "User",
        entityId: user.id,
        organisationId: user.organisationId,
        summary: `First sign-in with ${claims.providerName}: linked to ${user.email} through ${via}`,
        after: { provider: claims.provider, subject: claims.subject },
      },
    );
    return { ok: true, user: { id: user.id, email: user.email }, linked: true };
  });
  if (outcome.ok) {
    await db.user.update({ where: { id: outcome.user.id }, data: { lastSignInAt: now } });
    await recordAuditNow(
      { ...actor, userId: outcome.user.id, email: outcome.user.email },
      {
        action: "sign_in",
        entity: "User",
        entityId: outcome.user.id,
        summary: `Signed in with ${claims.providerName}: ${outcome.user.email}`,
      },
    );
  } else {
    await recordAuditNow(
      { ...actor, email: outcome.email },
      {
        action: "sso_refused",
        entity: "User",
        summary: `Single sign-on with ${claims.providerName} refused for ${outcome.email ?? `subject ${claims.subject.slice(0, 80)}`}: ${outcome.reason === "unregistered" ? "not registered" : outcome.reason === "inactive" ? "account deactivated" : "the account is linked to another identity at this provider"}`,
      },
    );
  }
  return outcome;
}

/** An administrator registers a provider identity (subject) for a user, ahead of their first sign-in. */
export async function registerSsoIdentity(
  actor: Actor,
  input: { userId: number; provider: string; providerName: string; subject: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { id: true, email: true, organisationId: true } });
    await tx.userIdentity.create({ data: { userId: user.id, provider: input.provider, subject: input.subject } });
    await recordAudit(tx, actor, {
      action: "sso_register",
      entity: "User",
      entityId: user.id,
      organisationId: user.organisationId,
      summary: `Registered a ${input.providerName} identity for ${user.email}`,
      after: { provider: input.provider, subject: input.subject },
    });
  });
}

/** The provider identities registered for or linked to a user. */
export async function ssoIdentitiesOf(userId: number) {
  return db.userIdentity.findMany({
    where: { userId },
    select: { id: true, provider: true, subject: true, email: true, linkedAt: true },
    orderBy: { provider: "asc" },
  });
}
