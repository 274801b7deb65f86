// When an organisation counts as closed: from the close date the NHS's organisation data gives it.
// A closed trust keeps its history, but leaves current views (national view, flags, status counts,
// lists) and peer groups from that date on; a close date still in the future leaves it open until then.

/**
 * True when an organisation with this close date (ISO YYYY-MM-DD, or null) is closed on `date`
 * (YYYY-MM-DD; given a month YYYY-MM, a trust closing during that month still counts as open in it).
 */
export function isClosedOn(closedOn: string | null | undefined, date: string): boolean {
  return Boolean(closedOn) && closedOn! <= date;
}
