// Builders for integration tests: fictional organisations, users and signed-in requests.
import { createSession, hashPassword } from "~/utils/auth.server";
import { rememberSocketAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import type { UserRole } from "~/domain/vocab";
import type { Actor } from "~/models/audit.server";

let seq = 0;
const next = () => ++seq;

/** A session for the user, as the Cookie header's "name=value" a client sends (for a server started on loopback). */
export async function sessionCookie(userId: number, url = "http://127.0.0.1/"): Promise<string> {
  return (await createSession(userId, new Request(url))).split(";")[0]!;
}

export const testActor: Actor = { userId: null, email: "test@example.org", ip: "127.0.0.1" };

export async function makeOrganisation(
  overrides: Partial<{ odsCode: string; name: string; type: string; region: string; consultantHeadcount: number | null }> = {},
) {
  const n = next();
  return db.organisation.create({
    data: {
      odsCode: overrides.odsCode ?? `RT${String(n).padStart(2, "0")}`.slice(0, 5),
      name: overrides.name ?? `Fictional Test Trust ${n}`,
      type: overrides.type ?? "acute",
      region: overrides.region ?? "london",
      consultantHeadcount: overrides.consultantHeadcount === undefined ? 200 : overrides.consultantHeadcount,
    },
  });
}

let cachedHash: string | null = null;
export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(role: UserRole, organisationId: number | null, overrides: Partial<{ email: string; active: boolean }> = {}) {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const n = next();
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role}.${n}@example.org`,
      name: `Test ${role} ${n}`,
      role,
      organisationId,
      passwordHash: cachedHash,
      active: overrides.active ?? true,
    },
  });
  return { ...user, role };
}

/** A Request carrying a real session cookie for the user, as the browser would send it. */
export async function requestAs(
  user: { id: number } | null,
  url: string,
  init: { method?: string; form?: Record<string, string>; body?: BodyInit; headers?: Record<string, string>; address?: string } = {},
): Promise<Request> {
  const full = new URL(url, "http://localhost");
  const headers = new Headers(init.headers);
  headers.set("host", "localhost");
  if (init.method && init.method !== "GET") headers.set("origin", "http://localhost");
  if (user) {
    const setCookie = await createSession(user.id, new Request(full));
    headers.set("cookie", setCookie.split(";")[0]!);
  }
  let body: BodyInit | undefined = init.body;
  if (init.form) {
    body = new URLSearchParams(init.form);
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  const request = new Request(full, { method: init.method ?? "GET", headers, body });
  // The TCP peer's address, as the server (scripts/serve.mjs) passes it to the app.
  rememberSocketAddress(request, init.address ?? "127.0.0.1");
  return request;
}

/** Runs a route module's loader or action the way React Router would, returning the Response or data. */
export async function callRoute<A extends { request: Request; params: Record<string, string | undefined> }>(
  fn: (args: never) => unknown,
  args: Pick<A, "request"> & { params?: Record<string, string> },
): Promise<{ status: number; data: unknown; response: Response | null }> {
  try {
    const result = await fn({ request: args.request, params: args.params ?? {}, context: emptyContext() } as never);
    return unwrap(result);
  } catch (thrown) {
    return unwrap(thrown);
  }
}

function emptyContext() {
  return { get: () => "", set: () => undefined };
}

async function unwrap(value: unknown): Promise<{ status: number; data: unknown; response: Response | null }> {
  if (value instanceof Response) {
    const type = value.headers.get("content-type") ?? "";
    const body = type.includes("json") ? await value.clone().json() : await value.clone().text();
    return { status: value.status, data: body, response: value };
  }
  if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
    const d = value as unknown as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, data: d.data, response: null };
  }
  if (value instanceof Error) throw value;
  return { status: 200, data: value, response: null };
}
