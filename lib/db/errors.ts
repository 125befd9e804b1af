import "server-only";
import { Prisma } from "./generated/client";

/** A write refused by a unique index: the database decided a race, or the row is there already. */
export const isUniqueViolation = (error: unknown): error is Prisma.PrismaClientKnownRequestError =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** A write to a row that is not there (any more). */
export const isMissingRow = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
