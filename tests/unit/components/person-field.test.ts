// The people picker's starting choice: never drops a holder saved before people were recorded.
import { describe, expect, it } from "vitest";
import { initialPerson } from "~/components/forms/record-fields";

const people = [
  { value: 1, label: "Dr Sam Patel (staff number 123)", name: "Dr Sam Patel", organisationId: 5 },
  { value: 2, label: "Dr Sam Patel", name: "Dr Sam Patel", organisationId: 6 },
];

describe("initialPerson", () => {
  it("keeps the linked person, and nothing for a new record or a vacant post", () => {
    expect(initialPerson(people, { personId: 2, name: "Dr Sam Patel", organisationId: 6 })).toEqual({ personId: 2, newName: null });
    expect(initialPerson(people, undefined)).toEqual({ personId: null, newName: null });
    expect(initialPerson(people, { personId: null, name: null, organisationId: 5 })).toEqual({ personId: null, newName: null });
  });

  it("matches an unlinked name to the organisation's recorded person, else offers it as a new person", () => {
    expect(initialPerson(people, { personId: null, name: " dr sam  PATEL", organisationId: 5 })).toEqual({ personId: 1, newName: null });
    expect(initialPerson(people, { personId: null, name: "Dr Jo Brown", organisationId: 5 })).toEqual({
      personId: "new",
      newName: "Dr Jo Brown",
    });
  });
});
