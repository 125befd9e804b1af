import "server-only";
import { prisma } from "./client";
import { isUniqueViolation } from "./errors";
import { voidLinks } from "./links";
import { deleteOtherSessions } from "./sessions";
import { Prisma } from "./generated/client";

type NewUser = { username: string; usernameKey: string; email: string; passwordHash: string };

type UniqueField = "username" | "email";

export class DuplicateUserError extends Error {
  constructor(readonly field: UniqueField) {
    super(`A user with this ${field} already exists`);
  }
}

/** Inserts a user; the unique indexes decide races, reported as DuplicateUserError. */
export async function createUser(data: NewUser) {
  try {
    return await prisma.user.create({ data, select: { id: true, username: true, email: true } });
  } catch (error) {
    const field = duplicateField(error);
    if (field) throw new DuplicateUserError(field);
    throw error;
  }
}

function duplicateField(error: unknown): UniqueField | null {
  if (!isUniqueViolation(error)) return null;
  const target = JSON.stringify(error.meta ?? {});
  if (target.includes("usernameKey")) return "username";
  if (target.includes("email")) return "email";
  return null;
}

export async function findExistingUnique(usernameKey: string, email: string) {
  const rows = await prisma.user.findMany({
    where: { OR: [{ usernameKey }, { email }] },
    select: { usernameKey: true, email: true },
    take: 2,
  });
  return {
    username: rows.some((r) => r.usernameKey === usernameKey),
    email: rows.some((r) => r.email === email),
  };
}

/** Looks a user up by email (already lowercased) or by username key. */
export function findUserForSignIn(lookup: { email: string } | { usernameKey: string }) {
  return prisma.user.findUnique({
    where: lookup as Prisma.UserWhereUniqueInput,
    select: { id: true, username: true, email: true, passwordHash: true, lockedAt: true },
  });
}

/** Whether an admin has locked the account (no sign-in of any kind). */
export async function isLocked(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { lockedAt: true } });
  return Boolean(user?.lockedAt);
}

export function updatePasswordHash(userId: string, passwordHash: string) {
  return prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
}

export function findProfile(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, email: true, emailVerified: true, createdAt: true },
  });
}

export function findUserById(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, email: true, emailVerified: true, passwordHash: true, lockedAt: true },
  });
}

export function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, username: true, email: true } });
}

export function markEmailVerified(userId: string, email: string) {
  // Only while the address is still the one the link was sent to.
  return prisma.user.updateMany({ where: { id: userId, email }, data: { emailVerified: new Date() } });
}

type EmailChange = "changed" | "taken" | "stale";

/**
 * Replaces a user's email with a verified new one, only while the account's address is still
 * `fromEmail` (the one the change was asked from). In the same transaction every link the
 * user had is voided (a reset link mailed to the old address must not outlive it) and every
 * session but `keepSessionId` ends.
 */
export async function replaceEmail(userId: string, fromEmail: string, email: string, keepSessionId: string | null): Promise<EmailChange> {
  try {
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id: userId, email: fromEmail }, data: { email, emailVerified: new Date() } });
      if (count === 0) return "stale";
      await tx.singleUseLink.deleteMany({ where: { userId } });
      await tx.session.deleteMany({ where: { userId, ...(keepSessionId && { id: { not: keepSessionId } }) } });
      return "changed";
    });
  } catch (error) {
    if (duplicateField(error) === "email") return "taken";
    throw error;
  }
}

/**
 * Sets a new password hash and, in the same transaction, ends the user's sessions but
 * `keepSessionId` and voids their links of the given purposes.
 */
export function changePasswordHash(
  userId: string,
  passwordHash: string,
  { keepSessionId, voidLinkPurposes }: { keepSessionId: string | null; voidLinkPurposes: readonly string[] },
) {
  return prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    deleteOtherSessions(userId, keepSessionId),
    voidLinks(userId, voidLinkPurposes),
  ]);
}

/** Removes a user and everything that is theirs (sessions, accounts and links cascade). */
export function deleteUserAndData(userId: string) {
  return prisma.user.delete({ where: { id: userId }, select: { id: true } });
}

/**
 * Gives a user without one their username; "taken" when another account has it (the unique
 * index decides races), "already-set" when this user has one.
 */
export async function setUsername(userId: string, username: string, usernameKey: string): Promise<"set" | "taken" | "already-set"> {
  try {
    const { count } = await prisma.user.updateMany({ where: { id: userId, username: null }, data: { username, usernameKey } });
    return count === 1 ? "set" : "already-set";
  } catch (error) {
    if (duplicateField(error) === "username") return "taken";
    throw error;
  }
}

/** Whether a username is free (ignoring case), for suggesting one. */
export async function usernameIsFree(usernameKey: string) {
  return (await prisma.user.count({ where: { usernameKey } })) === 0;
}

/** Whether the user has a password (people who came through an identity provider may not). */
export async function hasPassword(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash);
}

/** Stores a first password for a user who has none; false when they have one already. */
export async function setFirstPasswordHash(userId: string, passwordHash: string) {
  const { count } = await prisma.user.updateMany({ where: { id: userId, passwordHash: null }, data: { passwordHash } });
  return count === 1;
}
