// What the audit trail's pages and exports show of an event's before/after values. Survey figures
// (a result's value, respondents and sd) are withheld there: the before/after of a correction is
// itself a difference (12 → 9 respondents) that could reveal a group below min_n, and a small
// group's figures must not appear anywhere. The stored event is unchanged, so the hash chain still
// verifies it: the event's id and hash are the reference an auditor with database access checks.

/** Fields withheld from the audit trail's pages and exports, by audited entity. */
export const withheldAuditFields: Readonly<Record<string, readonly string[]>> = {
  PulseResult: ["value", "respondents", "sd"],
};

/** Shown instead of a withheld value. */
export const WITHHELD_AUDIT_VALUE = "(withheld: survey figures are not shown in the audit trail; the event's hash verifies them)";

/** The stored {field: {before, after}} JSON with survey figures replaced (unreadable JSON is passed through only if nothing could be withheld). */
export function redactAuditChanges(entity: string, changes: string): string {
  const fields = withheldAuditFields[entity];
  if (!fields) return changes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return JSON.stringify({ changes: WITHHELD_AUDIT_VALUE });
  }
  if (!parsed || typeof parsed !== "object") return changes;
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (!fields.includes(field)) out[field] = v;
    else if (v && typeof v === "object" && "before" in v && "after" in v)
      out[field] = { before: WITHHELD_AUDIT_VALUE, after: WITHHELD_AUDIT_VALUE };
    else out[field] = WITHHELD_AUDIT_VALUE;
  }
  return JSON.stringify(out);
}
