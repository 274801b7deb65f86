// People of an organisation (post holders, consultants with job plans, people in training), recorded
// once so that posts, job plans and training refer to the same person. Forms pick a recorded person or
// add a new one explicitly; imports name a person, matched on the normalised name (personKey).
import { personKey } from "~/domain/leadership-metrics";
import { type Actor, recordAudit } from "~/models/audit.server";
import type { Tx } from "~/utils/db.server";
import { db } from "~/utils/db.server";
import { type Scope, scopeWhere } from "~/utils/permissions";

/** The person fields of a record form's input (see personChoice in app/domain/schemas.ts). */
export type PersonChoice = { personId?: number | "new" | null; newPersonName: string | null; newPersonStaffNumber: string | null };

export type PersonRef = { id: number; name: string };

/** A person choice the organisation cannot take: another trust's person, or a staff number in use. */
export class PersonChoiceError extends Error {
  constructor(
    message: string,
    readonly field: "personId" | "newPersonStaffNumber",
  ) {
    super(message);
    this.name = "PersonChoiceError";
  }
}

/** How a person appears in a picker: the name, with the staff number where known. */
export function personLabel(p: { name: string; staffNumber: string | null }): string {
  return p.staffNumber ? `${p.name} (staff number ${p.staffNumber})` : p.name;
}

/** People to pick from: one organisation's, or all in scope, sorted by name (organisation first when many). */
export async function personOptions(scope: Scope, organisationId: number | null) {
  const rows = await db.person.findMany({
    where: { AND: [scopeWhere(scope), organisationId ? { organisationId } : {}] },
    select: { id: true, organisationId: true, name: true, staffNumber: true, organisation: { select: { name: true } } },
    orderBy: [{ organisation: { name: "asc" } }, { name: "asc" }, { staffNumber: "asc" }, { id: "asc" }],
  });
  const many = new Set(rows.map((r) => r.organisationId)).size > 1;
  return rows.map((r) => ({
    value: r.id,
    organisationId: r.organisationId,
    name: r.name,
    label: `${many ? `${r.organisation.name}: ` : ""}${personLabel(r)}`,
  }));
}

export type PersonOption = Awaited<ReturnType<typeof personOptions>>[number];

async function recordPerson(tx: Tx, actor: Actor, organisationId: number, name: string, staffNumber: string | null): Promise<PersonRef> {
  const created = await tx.person.create({ data: { organisationId, name, staffNumber } });
  await recordAudit(tx, actor, {
    action: "create",
    entity: "Person",
    entityId: created.id,
    organisationId,
    summary: `Recorded person ${personLabel(created)}`,
    after: created,
  });
  return { id: created.id, name: created.name };
}

/**
 * The person a record of `organisationId` is about, inside the caller's transaction: the picked person
 * (who must be of that organisation), a new person (recorded and audited; a staff number already
 * recorded is refused), or, for a name given without a choice (imports), the one recorded person of
 * that name, recorded when there is none. Null when there is no one (a vacant post).
 */
export async function resolvePerson(
  tx: Tx,
  actor: Actor,
  organisationId: number,
  choice: PersonChoice,
  name: string | null,
): Promise<PersonRef | null> {
  if (typeof choice.personId === "number") {
    const person = await tx.person.findFirst({ where: { id: choice.personId, organisationId }, select: { id: true, name: true } });
    if (!person) throw new PersonChoiceError("Select a person of the same organisation, or add a new person", "personId");
    return person;
  }
  if (choice.personId === "new") {
    const staffNumber = choice.newPersonStaffNumber;
    if (staffNumber) {
      const holder = await tx.person.findFirst({ where: { organisationId, staffNumber }, select: { name: true } });
      if (holder)
        throw new PersonChoiceError(
          `Staff number ${staffNumber} is already recorded for ${holder.name}: select them from the list`,
          "newPersonStaffNumber",
        );
    }
    return recordPerson(tx, actor, organisationId, choice.newPersonName!.trim().replace(/\s+/g, " "), staffNumber);
  }
  if (!name || name.trim() === "") return null;
  return personByName(tx, actor, organisationId, name);
}

/** The recorded person of this name (normalised), else a new one; of several of one name, the first recorded. */
async function personByName(tx: Tx, actor: Actor, organisationId: number, name: string): Promise<PersonRef> {
  const key = personKey(name);
  // Names are compared normalised, which SQL cannot do portably; a trust has thousands of people at most.
  const people = await tx.person.findMany({ where: { organisationId }, select: { id: true, name: true }, orderBy: { id: "asc" } });
  return people.find((p) => personKey(p.name) === key) ?? recordPerson(tx, actor, organisationId, name.trim().replace(/\s+/g, " "), null);
}

/** A training record's or job plan's input as stored: the person as a recorded person and their name as written. */
export type WithPerson<I> = Omit<I, "personId" | "newPersonName" | "newPersonStaffNumber" | "person"> & {
  person: string;
  personId: number;
};

/** Resolves the record's person (see resolvePerson) and returns the row to store; someone is required. */
export async function withPerson<I extends PersonChoice & { organisationId: number; person: string | null }>(
  tx: Tx,
  actor: Actor,
  input: I,
): Promise<WithPerson<I>> {
  const person = await resolvePerson(tx, actor, input.organisationId, input, input.person);
  if (!person) throw new PersonChoiceError("Select the person, or add a new person", "personId");
  const { personId: _choice, newPersonName: _name, newPersonStaffNumber: _staffNumber, person: _written, ...rest } = input;
  return { ...rest, person: person.name, personId: person.id };
}
