// Sign-in sessions and the one place every loader and action asks "who is this, and may they?".
// The cookie holds a random token; the database keeps only its SHA-256, so a leaked database
// cannot be replayed as sessions. Sessions end after SESSION_IDLE_MINUTES idle or SESSION_ABSOLUTE_HOURS.
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { createCookie, data, redirect } from "react-router";
import { type UserRole, regions } from "~/domain/vocab";
import type { Actor } from "~/models/audit.server";
import { clientAddress } from "./client-address.server";
import { accessFingerprint } from "~/models/computed-cache.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { type AccessUser, type Permission, type Scope, can, inScope, scopeOf } from "./permissions";

export const sessionCookie = createCookie("tracker_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env.secureCookies,
});

export type SessionUser = AccessUser & {
  email: string;
  name: string;
  role: UserRole;
  organisationName: string | null;
  organisationOdsCode: string | null;
  /** An analyst limited to a region or ICB: which, in words ("London region", "ICB QWE"); null: not limited. */
  scopeLabel: string | null;
  sessionId: string;
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// The address a request came from: the peer, or X-Forwarded-For only for TRUST_PROXY hops.
export { clientAddress } from "./client-address.server";

export function actorOf(user: Pick<SessionUser, "id" | "email"> | null, request: Request): Actor {
  return { userId: user?.id ?? null, email: user?.email ?? null, ip: clientAddress(request) };
}

/** Starts a new session (a fresh token: sign-in rotates the session) and returns its cookie. */
export async function createSession(userId: number, request: Request, sso?: { provider: string; idToken: string }): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + env.SESSION_ABSOLUTE_HOURS * 3600_000),
      ipAddress: clientAddress(request),
      userAgent: request.headers.get("user-agent")?.slice(0, 200) ?? null,
      ssoProvider: sso?.provider ?? null,
      idTokenHint: sso?.idToken ?? null,
    },
  });
  return sessionCookie.serialize(token, { maxAge: env.SESSION_ABSOLUTE_HOURS * 3600 });
}

async function tokenOf(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The single sign-on provider and ID token of this browser's session (for signing out there too). */
export async function sessionSso(request: Request): Promise<{ provider: string; idToken: string | null } | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const row = await db.session.findUnique({ where: { id: hashToken(token) }, select: { ssoProvider: true, idTokenHint: true } });
  return row?.ssoProvider ? { provider: row.ssoProvider, idToken: row.idTokenHint } : null;
}

/** Ends the session on the server and returns a cookie that clears it in the browser. */
export async function destroySession(request: Request): Promise<string> {
  const token = await tokenOf(request);
  if (token) await db.session.deleteMany({ where: { id: hashToken(token) } });
  return sessionCookie.serialize("", { maxAge: 0 });
}

// The root loader and the page's own loader both ask who is signed in: one session lookup per request.
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of this request, looked up once however many loaders ask. */
export function currentUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = getUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

// A session's user, kept by this process between requests while nothing it was read from has changed:
// the access version (raised by database triggers on every change to users, to sessions other than the
// last-seen touch, and to ICBs) and the data's fingerprint (organisations' names and areas, an analyst's
// scope) are as they were, and the session needs no touch and cannot have expired (so for at most a
// minute after it was read). A sign-out, a role change or a deactivation on any process or instance
// therefore counts at the next request everywhere, and a page view costs no session queries otherwise.
type KeptSession = { versions: string; lastSeenAt: number; expiresAt: number; user: SessionUser };
const keptSessions = new Map<string, KeptSession>();
const KEPT_SESSIONS_LIMIT = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

function keptUser(id: string, versions: string, now: number): SessionUser | null {
  const kept = keptSessions.get(id);
  if (!kept) return null;
  const fresh =
    kept.versions === versions &&
    now - kept.lastSeenAt <= TOUCH_INTERVAL_MS &&
    now <= kept.lastSeenAt + env.SESSION_IDLE_MINUTES * 60_000 &&
    now <= kept.expiresAt;
  if (!fresh) keptSessions.delete(id);
  return fresh ? kept.user : null;
}

function keepSession(id: string, kept: KeptSession): void {
  keptSessions.delete(id);
  keptSessions.set(id, kept);
  while (keptSessions.size > KEPT_SESSIONS_LIMIT) keptSessions.delete(keptSessions.keys().next().value!);
}

/** The signed-in user, or null, as the database stands now. Expired sessions are removed. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  const id = hashToken(token);
  // Read before the session: a change committed after this makes the kept user stale at once.
  const versions = await accessFingerprint();
  const kept = keptUser(id, versions, Date.now());
  if (kept) return kept;
  const session = await db.session.findUnique({
    where: { id },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          active: true,
          organisationId: true,
          scopeRegion: true,
          scopeIcb: true,
          organisation: { select: { name: true, odsCode: true } },
        },
      },
    },
  });
  if (!session) return null;
  const now = Date.now();
  const idleLimit = session.lastSeenAt.getTime() + env.SESSION_IDLE_MINUTES * 60_000;
  if (now > session.expiresAt.getTime() || now > idleLimit || !session.user.active) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  // Touch at most once a minute to keep reads cheap, and off the request path: a page view never
  // waits for (or fails on) another process's write lock. A missed touch is retried next request.
  let lastSeenAt = session.lastSeenAt.getTime();
  if (now - lastSeenAt > TOUCH_INTERVAL_MS) {
    lastSeenAt = now;
    void db.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } }).catch(() => keptSessions.delete(id));
  }
  const u = session.user;
  const limited = u.role === "analyst" ? await analystScope(u.scopeRegion, u.scopeIcb) : null;
  const user: SessionUser = {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as UserRole,
    organisationId: u.organisationId,
    organisationName: u.organisation?.name ?? null,
    organisationOdsCode: u.organisation?.odsCode ?? null,
    scopeOrganisationIds: limited ? (Object.freeze(limited.ids) as number[]) : null,
    scopeLabel: limited?.label ?? null,
    sessionId: id,
  };
  Object.freeze(user); // shared by the requests that find it kept
  keepSession(id, { versions, lastSeenAt, expiresAt: session.expiresAt.getTime(), user });
  return user;
}

/**
 * An analyst limited to one region or ICB: the ids of its organisations now (read per request, so an
 * organisation moved by an ODS import moves in or out of the scope at once) and the scope in words.
 */
async function analystScope(region: string | null, icb: string | null): Promise<{ ids: number[]; label: string } | null> {
  if (!region && !icb) return null;
  const where = icb ? { icb } : { region: region! };
  const [orgs, icbRow] = await Promise.all([
    db.organisation.findMany({ where, select: { id: true }, orderBy: { id: "asc" } }),
    icb ? db.icb.findUnique({ where: { code: icb }, select: { name: true } }) : null,
  ]);
  const label = icb ? (icbRow ? `${icbRow.name} (${icb})` : `ICB ${icb}`) : `${regions.label(region!)} region`;
  return { ids: orgs.map((o) => o.id), label };
}

export function forbidden(message = "You do not have permission to do this."): never {
  throw data({ message }, { status: 403 });
}

export function notFound(message = "We could not find that page."): never {
  throw data({ message }, { status: 404 });
}

/**
 * Every loader and action starts here. Signed-out users are sent to sign in (then back);
 * a signed-in user without the permission gets 403.
 */
export async function requireUser(request: Request, permission?: Permission): Promise<SessionUser> {
  const user = await currentUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  if (permission && !can(user, permission)) forbidden();
  return user;
}

/** requireUser plus the organisation scope its queries must use. */
export async function requireScope(request: Request, permission: Permission): Promise<{ user: SessionUser; scope: Scope; actor: Actor }> {
  const user = await requireUser(request, permission);
  return { user, scope: scopeOf(user), actor: actorOf(user, request) };
}

/** Another organisation's record answers 404, as if it did not exist. */
export function assertInScope(scope: Scope, organisationId: number): void {
  if (!inScope(scope, organisationId)) notFound();
}
