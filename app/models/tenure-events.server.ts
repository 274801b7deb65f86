// The events of a post's life, each one versioned, audited transaction: the current tenure ends, the
// post becomes vacant, a successor is appointed (closing the vacancy, or ending a tenure still open
// on the day before). Each refuses a tenure that would overlap another of the same post.
import type { LeadershipRole } from "~/generated/prisma/client";
import type { LeadershipRoleInput } from "~/domain/schemas";
import { formatDate } from "~/domain/text";
import { endBefore } from "~/domain/tenure";
import type { Actor } from "~/models/audit.server";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import { PersonChoiceError, resolvePerson } from "~/models/person.server";
import { assertNoOverlap, describe, duplicateRole, roleData, roles, storedRoleData, writableOrganisation } from "~/models/role.server";
import { createAudited, duplicateOnUniqueViolation, findForChange, updateAtVersion } from "~/models/versioned-write.server";
import { type Tx, db } from "~/utils/db.server";
import { type Scope, scopeWhere } from "~/utils/permissions";

/** Ends the open tenure `tenure` on `endDate` (the day before `startField`'s date), or refuses with a message there. */
async function endOpenTenure(tx: Tx, actor: Actor, scope: Scope, tenure: LeadershipRole, version: number, endDate: string, field: string) {
  if (endDate < tenure.startDate) {
    const message =
      field === "endDate"
        ? `End date must be on or after the start of this tenure, ${formatDate(tenure.startDate)}`
        : `${field === "startDate" ? "Start date" : "Date"} must be after the start of the current tenure, ${formatDate(tenure.startDate)}`;
    throw new DuplicateError(message, field);
  }
  return updateAtVersion(tx, actor, roles, {
    id: tenure.id,
    where: { AND: [{ id: tenure.id, version }, scopeWhere(scope)] },
    data: { ...storedRoleData(tenure), endDate },
    before: tenure,
    summary: (after) => `Ended ${after.holderName ? "tenure" : "vacancy"} of ${describe(after)} on ${endDate}`,
  });
}

/** "End current tenure": the open tenure `id` (at `version`) ends on `endDate`. */
export async function endTenure(actor: Actor, scope: Scope, id: number, version: number, endDate: string) {
  return db.$transaction(async (tx) => {
    const tenure = await findForChange(tx, roles, { AND: [{ id }, scopeWhere(scope)] });
    if (tenure.endDate !== null)
      throw new DuplicateError(`This tenure has already ended, on ${formatDate(tenure.endDate)}: edit it to correct the date`, "endDate");
    return endOpenTenure(tx, actor, scope, tenure, version, endDate, "endDate");
  });
}

/**
 * "Record vacancy": the post of tenure `id` (at `version`) is vacant from `startDate`, a new tenure
 * without a holder and with the post's details. A tenure still open ends the day before.
 */
export async function recordVacancy(actor: Actor, scope: Scope, id: number, version: number, startDate: string) {
  let orgName = "";
  let title = "";
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const previous = await findForChange(tx, roles, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, previous.organisationId)).name;
        title = previous.title;
        if (previous.endDate === null) {
          if (previous.holderName === null) throw new DuplicateError("This post is already vacant: there is no tenure to end", "startDate");
          await endOpenTenure(tx, actor, scope, previous, version, endBefore(startDate), "startDate");
        } else if (previous.version !== version) throw new StaleEditError("leadership role");
        const vacancy = { ...storedRoleData(previous), holderName: null, personId: null, holderBackground: null, startDate, endDate: null };
        await assertNoOverlap(tx, previous.organisationId, vacancy);
        return createAudited(
          tx,
          actor,
          roles,
          vacancy,
          (created) => `Recorded vacancy of ${created.title} from ${startDate} at ${orgName}`,
        );
      }),
    () => duplicateRole(orgName, { title, startDate }),
  );
}

/**
 * "Appoint successor": a new tenure of the post (the form is pre-filled from the post), held by the
 * person chosen. The previous tenure `id` (at `version`), when still open, ends the day before: that
 * closes a vacancy, or ends a holder's tenure.
 */
export async function appointSuccessor(actor: Actor, scope: Scope, id: number, version: number, input: LeadershipRoleInput) {
  let orgName = "";
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const previous = await findForChange(tx, roles, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, previous.organisationId)).name;
        if (input.organisationId !== previous.organisationId)
          throw new DuplicateError("A successor is appointed to a post of the same organisation", "organisationId");
        if (previous.endDate === null) await endOpenTenure(tx, actor, scope, previous, version, endBefore(input.startDate), "startDate");
        else if (previous.version !== version) throw new StaleEditError("leadership role");
        await assertNoOverlap(tx, previous.organisationId, input);
        const holder = await resolvePerson(tx, actor, previous.organisationId, input, input.holderName);
        if (!holder) throw new PersonChoiceError("Select the successor, or add a new person", "personId");
        return createAudited(
          tx,
          actor,
          roles,
          roleData(input, holder),
          (created) => `Appointed ${holder.name} as ${created.title} from ${created.startDate} at ${orgName}`,
        );
      }),
    () => duplicateRole(orgName, input),
  );
}
