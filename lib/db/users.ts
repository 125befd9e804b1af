import "server-only";
import { prisma } from "./client";
import { deleteOtherSessions } from "./sessions";
import { Prisma } from "./generated/client";

export type NewUser = { username: string; usernameKey: string; email: string; passwordHash: string };

export type UniqueField = "username" | "email";

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
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
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
    select: { id: true, username: true, email: true, passwordHash: true },
  });
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

/** The id of the account an email or username names, if any. */
export async function findUserId(lookup: { email: string } | { usernameKey: string }) {
  const user = await prisma.user.findUnique({ where: lookup as Prisma.UserWhereUniqueInput, select: { id: true } });
  return user?.id ?? null;
}

export function findUserById(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, email: true, emailVerified: true, passwordHash: true },
  });
}

export function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, username: true, email: true } });
}

export function markEmailVerified(userId: string, email: string) {
  // Only while the address is still the one the link was sent to.
  return prisma.user.updateMany({ where: { id: userId, email }, data: { emailVerified: new Date() } });
}

/** Replaces a user's email with a verified new one; false when another account took it. */
export async function replaceEmail(userId: string, email: string) {
  try {
    await prisma.user.update({ where: { id: userId }, data: { email, emailVerified: new Date() } });
    return true;
  } catch (error) {
    if (duplicateField(error) === "email") return false;
    throw error;
  }
}

/**
 * Sets a new password hash and, in the same transaction, ends the user's other sessions
 * and voids every password-reset link: an old link or a stolen session stops working.
 */
export function changePasswordHash(userId: string, passwordHash: string, keepSessionId: string | null) {
  return prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
    deleteOtherSessions(userId, keepSessionId),
    prisma.verificationToken.deleteMany({ where: { identifier: { startsWith: `reset-password:${userId}:` } } }),
  ]);
}

/** Removes a user and everything that is theirs, in one transaction. */
export function deleteUserAndData(userId: string) {
  return prisma.$transaction([
    prisma.verificationToken.deleteMany({ where: { identifier: { contains: `:${userId}:` } } }),
    // Sessions and accounts go with the user (ON DELETE CASCADE); explicit for clarity.
    prisma.session.deleteMany({ where: { userId } }),
    prisma.account.deleteMany({ where: { userId } }),
    prisma.user.delete({ where: { id: userId }, select: { id: true } }),
  ]);
}
