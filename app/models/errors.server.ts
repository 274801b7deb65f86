// Errors the data layer raises for the pages to turn into clear messages.
import { Prisma } from "~/generated/prisma/client";

/** Someone else saved the record after this user opened it. */
export class StaleEditError extends Error {
  constructor(what: string) {
    super(
      `This ${what} was changed by someone else after you opened it. Your changes have not been saved: reload the page to see the current values, then make your change again.`,
    );
    this.name = "StaleEditError";
  }
}

/** A record with the same natural key exists already. `field` is where the form shows it. */
export class DuplicateError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "DuplicateError";
  }
}

/** The record cannot be deleted because others depend on it. */
export class InUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InUseError";
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2003" || error.code === "P2014")) ||
    (error instanceof Error && /FOREIGN KEY constraint failed/i.test(error.message))
  );
}
