// Between the two steps of a sign-in with an authenticator code: a signed cookie, valid 5 minutes,
// saying whose password was right (and where to go after). Nothing is stored on the server.
import { createCookie } from "react-router";
import { env } from "./env.server";
import { loadSecretKey } from "./secret-key.server";

type Pending = { u: number; e: string; r: string };

function cookie() {
  return createCookie("tracker_2fa", {
    httpOnly: true,
    sameSite: "lax",
    path: "/sign-in",
    secure: env.secureCookies,
    maxAge: 5 * 60,
    secrets: [loadSecretKey("COOKIE_SECRET", "cookie.key").key.toString("hex")],
  });
}

export async function pendingSecondFactorCookie(user: { id: number; email: string }, redirectTo: string): Promise<string> {
  return cookie().serialize({ u: user.id, e: user.email, r: redirectTo } satisfies Pending);
}

export async function pendingSecondFactor(request: Request): Promise<{ userId: number; email: string; redirectTo: string } | null> {
  const v = (await cookie().parse(request.headers.get("cookie"))) as Pending | null;
  if (!v || typeof v.u !== "number" || typeof v.e !== "string") return null;
  return { userId: v.u, email: v.e, redirectTo: typeof v.r === "string" ? v.r : "/" };
}

export async function clearPendingSecondFactor(): Promise<string> {
  return cookie().serialize("", { maxAge: 0 });
}
