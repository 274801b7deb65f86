// Shared helpers for the privacy tests: seeding survey waves, reading every kind of output as text,
// and looking for a withheld value or exact n in it.
import { execFileSync } from "node:child_process";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { callRoute, requestAs } from "../../support/factories";

export type Group = { group: string; value: number; n: number; sd?: number | null; scale?: string };

/** One wave (fieldwork month) of pulse rows for an organisation. */
export async function wave(
  organisationId: number,
  fieldwork: string,
  groups: Group[],
  over: { survey?: string; measure?: string; scale?: string } = {},
) {
  await db.pulseResult.createMany({
    data: groups.map((g) => ({
      organisationId,
      survey: over.survey ?? "NSS",
      measure: over.measure ?? "engagement",
      scale: g.scale ?? over.scale ?? "score_0_10",
      fieldwork,
      staffGroup: g.group,
      value: g.value,
      respondents: g.n,
      sd: g.sd === undefined ? ((g.scale ?? over.scale) === "percent_positive" ? null : 1.5) : g.sd,
    })),
  });
}

type Loader = (args: never) => unknown;

/** Calls a loader as the user and returns everything the browser would receive, as text. */
export async function output(
  loader: Loader,
  user: { id: number },
  url: string,
  params: Record<string, string> = {},
): Promise<{ status: number; text: string; data: unknown; bytes: Buffer | null; type: string }> {
  const res = await callRoute(loader, { request: await requestAs(user, url), params });
  if (!res.response) return { status: res.status, text: JSON.stringify(res.data), data: res.data, bytes: null, type: "data" };
  const type = res.response.headers.get("content-type") ?? "";
  const bytes = Buffer.from(await res.response.arrayBuffer());
  if (type.includes("spreadsheetml")) return { status: res.status, text: await xlsxText(bytes), data: null, bytes, type };
  if (type.includes("pdf")) return { status: res.status, text: pdfText(bytes), data: null, bytes, type };
  return { status: res.status, text: bytes.toString("utf8").replace(/^\uFEFF/, ""), data: res.data, bytes, type };
}

/** Every cell of every sheet, one row a line, cells separated by commas. */
export async function xlsxText(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.value === null || cell.value === undefined ? "" : String(cell.value)));
      lines.push(cells.join(","));
    });
  });
  return lines.join("\n");
}

export function hasPdfToText(): boolean {
  try {
    execFileSync("which", ["pdftotext"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The text of a PDF via pdftotext (the caller skips PDF text checks when it is not installed). */
export function pdfText(bytes: Buffer): string {
  if (!hasPdfToText()) return "";
  return execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes }).toString("utf8");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The number as a whole token: not part of a longer number (2.917 is not found in 12.9171 or 6.2917). */
export function numberToken(x: number): RegExp {
  return new RegExp(`(?<![\\d.])${escape(String(x))}(?![\\d])`);
}

/** Places an exact respondent count shows up in page data, files and PDF text. */
export function exactN(n: number): RegExp {
  return new RegExp(
    [
      `"(?:n|respondents|clinicianN|managerN)":${n}(?![\\d.])`, // loader data, JSON
      `n = ${n}(?![\\d.])`, // "n = 8 clinicians" in words
      `(?<![\\d.])${n} (?:respondents?|clinicians|managers)\\b`,
    ].join("|"),
  );
}

/** The rows of a CSV text as objects (simple: the survey-result columns hold no commas or quotes). */
export function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head!.split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}
