// /healthz — liveness and database check for monitoring; public, reveals nothing.
import { db } from "~/utils/db.server";

export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return new Response("ok\n", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable\n", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
