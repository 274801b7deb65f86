// Loads the NHS's own organisation list (ODS etr.csv) and ICB names: creates or updates organisations
// by ODS code in one audited transaction, all or nothing. Administrators and the operator's CLI only.
import { parse } from "csv-parse/sync";
import { type IcbName, type OdsOrganisation, type OdsProblem, parseEtr, parseIcbNames } from "~/domain/ods";
export { describeProblem } from "~/domain/ods";
import { NOT_RECORDED } from "~/domain/vocab";
import { type Actor, recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";

export type OdsImportResult =
  | { ok: true; created: number; updated: number; unchanged: number; closed: number; typeNotRecorded: string[] }
  | { ok: false; problems: OdsProblem[] };

export type IcbImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; problems: OdsProblem[] };

/** Splits a CSV file's text into cells (a UTF-8 byte-order mark and CRLF line ends are fine). */
export function csvCells(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
}

function readProblem(error: unknown): OdsProblem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: 0,
    column: "file",
    value: "",
    reason: `could not be read as CSV (${message.split("\n")[0]}); save it as CSV and try again`,
  };
}

const fields = (o: OdsOrganisation) => ({
  name: o.name,
  region: o.region ?? NOT_RECORDED,
  icb: o.icbCode,
  openedOn: o.openedOn,
  closedOn: o.closedOn,
});

/** Creates or updates organisations from etr.csv text. Nothing is written if any cell is wrong. */
export async function importOdsTrusts(actor: Actor, text: string, source = "etr.csv"): Promise<OdsImportResult> {
  let rows: string[][];
  try {
    rows = csvCells(text);
  } catch (error) {
    return { ok: false, problems: [readProblem(error)] };
  }
  const { organisations, problems } = parseEtr(rows);
  if (problems.length > 0) return { ok: false, problems };

  return db.$transaction(async (tx) => {
    const existing = await tx.organisation.findMany({
      where: { odsCode: { in: organisations.map((o) => o.odsCode) } },
      select: { id: true, odsCode: true, name: true, type: true, region: true, icb: true, openedOn: true, closedOn: true },
    });
    const byCode = new Map(existing.map((e) => [e.odsCode, e]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let closed = 0;
    const typeNotRecorded: string[] = [];
    for (const o of organisations) {
      const data = fields(o);
      if (o.closedOn) closed++;
      const before = byCode.get(o.odsCode);
      if (!before) {
        const row = await tx.organisation.create({ data: { odsCode: o.odsCode, type: NOT_RECORDED, ...data }, select: { id: true } });
        await recordAudit(tx, actor, {
          action: "create",
          entity: "Organisation",
          entityId: row.id,
          organisationId: row.id,
          summary: `Created ${o.odsCode} ${o.name} from the ODS trust file (${source})`,
          after: { odsCode: o.odsCode, type: NOT_RECORDED, ...data },
        });
        created++;
        if (!o.closedOn) typeNotRecorded.push(o.odsCode);
        continue;
      }
      const was = { name: before.name, region: before.region, icb: before.icb, openedOn: before.openedOn, closedOn: before.closedOn };
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => (was[k] ?? null) !== (data[k] ?? null));
      if (changed.length === 0) {
        unchanged++;
      } else {
        await tx.organisation.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });
        await recordAudit(tx, actor, {
          action: "update",
          entity: "Organisation",
          entityId: before.id,
          organisationId: before.id,
          summary: `Updated ${o.odsCode} from the ODS trust file (${source}): ${changed.join(", ")}`,
          before: was,
          after: data,
        });
        updated++;
      }
      if (before.type === NOT_RECORDED && !o.closedOn) typeNotRecorded.push(o.odsCode);
    }
    await recordAudit(tx, actor, {
      action: "import",
      entity: "Organisation",
      summary: `ODS trust file ${source}: ${created} created, ${updated} updated, ${unchanged} unchanged, ${closed} closed`,
    });
    return { ok: true as const, created, updated, unchanged, closed, typeNotRecorded };
  });
}

/** Creates or updates ICB names from a two-column file (code, name). */
export async function importIcbNames(actor: Actor, text: string, source = "ICB names"): Promise<IcbImportResult> {
  let rows: string[][];
  try {
    rows = csvCells(text);
  } catch (error) {
    return { ok: false, problems: [readProblem(error)] };
  }
  const { icbs, problems } = parseIcbNames(rows);
  if (problems.length > 0) return { ok: false, problems };
  return db.$transaction(async (tx) => {
    const existing = new Map((await tx.icb.findMany({ where: { code: { in: icbs.map((i) => i.code) } } })).map((i) => [i.code, i.name]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const changes: IcbName[] = [];
    for (const icb of icbs) {
      const was = existing.get(icb.code);
      if (was === icb.name) {
        unchanged++;
        continue;
      }
      await tx.icb.upsert({ where: { code: icb.code }, create: icb, update: { name: icb.name } });
      if (was === undefined) created++;
      else updated++;
      changes.push(icb);
    }
    await recordAudit(tx, actor, {
      action: "import",
      entity: "Icb",
      summary: `ICB names from ${source}: ${created} created, ${updated} updated, ${unchanged} unchanged`,
      after: changes.length > 0 ? Object.fromEntries(changes.map((c) => [c.code, c.name])) : null,
    });
    return { ok: true as const, created, updated, unchanged };
  });
}

/** ICB names by code, for labels and filters. */
export async function icbNames(): Promise<Map<string, string>> {
  return new Map((await db.icb.findMany({ select: { code: true, name: true } })).map((i) => [i.code, i.name]));
}
