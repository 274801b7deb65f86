// Reads /national's query string (and its downloads'): the filters (region, ICB, type), the measure the
// chart shows, and the table's sort and page. Unknown values are ignored, so a URL cannot ask for
// anything the page does not offer.
import type { NationalFilters, NationalSort } from "~/domain/dashboard/national-table";
import { nationalSortKeys } from "~/domain/dashboard/national-table";
import { type MeasureKey, measures } from "~/domain/investment";
import { organisationTypes, regions } from "~/domain/vocab";

export type NationalQuery = {
  filters: NationalFilters;
  measure: MeasureKey;
  sort: NationalSort;
  dir: "asc" | "desc";
  page: number;
};

export function readNationalQuery(url: URL): NationalQuery {
  const p = url.searchParams;
  const region = p.get("region");
  const type = p.get("type");
  const icb = p.get("icb")?.trim().toUpperCase() ?? "";
  const measureRaw = p.get("measure");
  const sortRaw = p.get("sort");
  const sort = (nationalSortKeys as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as NationalSort) : "name";
  const dirRaw = p.get("dir");
  return {
    filters: {
      region: region && (regions.values as readonly string[]).includes(region) ? region : null,
      // ICB codes are three letters or digits (QMJ); the demo's are fictional (QX…).
      icb: /^[A-Z0-9]{3}$/.test(icb) ? icb : null,
      type: type && (organisationTypes.values as readonly string[]).includes(type) ? type : null,
    },
    measure: measures.find((m) => m.key === measureRaw)?.key ?? measures[0]!.key,
    sort,
    dir: dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "status" || sort === "trend" ? "desc" : "asc",
    page: Math.max(1, Math.floor(Number(p.get("page")) || 1)),
  };
}
