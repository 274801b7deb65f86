// The records a dashboard number counted, for the list it links to: reads ?counted=… from the list's
// URL, loads the organisation's records within the caller's scope and recomputes the number's
// evidence with the same domain rule (app/domain/investment/evidence.ts). Used by the list pages and
// their downloads, so both show exactly the counted records.
import { type Evidence, type EvidenceList, countedRecords, evidenceList } from "~/domain/investment";
import { formatDate } from "~/domain/text";
import { loadLeadershipData } from "~/models/investment.server";
import { type CountedParam, readCountedParam } from "~/utils/list-params";
import type { Scope } from "~/utils/permissions";

export type Counted = CountedParam & Evidence & { organisationName: string; asAtText: string };

/** The counted records for this list, or null when the URL asks for none (or for another list's records). */
export async function resolveCounted(scope: Scope, url: URL, list: EvidenceList): Promise<Counted | null> {
  const param = readCountedParam(url);
  if (!param || evidenceList(param.key) !== list) return null;
  const loaded = await loadLeadershipData(scope, param.organisationId);
  // Out of scope or unknown: an empty, honest result (the list's own scope shows nothing either).
  if (!loaded)
    return {
      ...param,
      key: param.key,
      list,
      ids: [],
      what: "no records",
      why: "the organisation is not one you can see",
      organisationName: "",
      asAtText: formatDate(param.asAt),
    };
  const evidence = countedRecords(loaded.data, param);
  return { ...param, ...evidence, organisationName: loaded.organisation.name, asAtText: formatDate(param.asAt) };
}
