// The status checks of the alerts (processAlertChecks), run inside a worker thread: the gap analysis
// each check needs is long synchronous work (seconds for a trust with 200,000 survey results), and on
// the web process's own thread it held every other request for that long.
import { processAlertChecks } from "~/models/alerts.server";

export type AlertChecksOutcome = { ok: true; told: number } | { ok: false; message: string };

export async function runAlertChecks(): Promise<AlertChecksOutcome> {
  try {
    return { ok: true, told: await processAlertChecks() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    const { getDb } = await import("~/utils/db.server");
    await getDb().$disconnect();
  }
}
