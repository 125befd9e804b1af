import "server-only";
import { prisma } from "./client";
import { isMissingRow } from "./errors";

export function findTwoFactor(userId: string) {
  return prisma.twoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true, lastUsedStep: true } });
}

/** Stores the secret of a set-up in progress, replacing an earlier unfinished one; never an enabled one. */
export async function saveSetupSecret(userId: string, secret: string) {
  await prisma.$transaction([
    prisma.twoFactor.deleteMany({ where: { userId, enabledAt: null } }),
    prisma.twoFactor.createMany({ data: [{ userId, secret }] }),
  ]);
}

/**
 * Turns two-factor on after the first correct code (of time step `step`), with a new set of
 * recovery codes. False when it was on already or no set-up was in progress.
 */
export function enableTwoFactor(userId: string, step: number, recoveryCodeHashes: string[]) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.twoFactor.updateMany({
      where: { userId, enabledAt: null },
      data: { enabledAt: new Date(), lastUsedStep: step },
    });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })) });
    return true;
  });
}

/**
 * Accepts a code's time step once: only when it is later than the last one accepted. One
 * conditional write, so two requests racing with the same code cannot both pass.
 */
export async function acceptStep(userId: string, step: number) {
  const { count } = await prisma.twoFactor.updateMany({
    where: { userId, enabledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

/** Uses a recovery code up; false when it is not one of the user's unused codes. */
export async function useRecoveryCode(userId: string, codeHash: string) {
  const { count } = await prisma.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

export function countUnusedRecoveryCodes(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** A new set of recovery codes; the old set, used or not, is void. */
export function replaceRecoveryCodes(userId: string, codeHashes: string[]) {
  return prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) }),
  ]);
}

/** Turns two-factor off: the secret and the recovery codes go. */
export function disableTwoFactor(userId: string) {
  return prisma.$transaction([prisma.recoveryCode.deleteMany({ where: { userId } }), prisma.twoFactor.deleteMany({ where: { userId } })]);
}

export function createPendingSignIn(data: { tokenHash: string; userId: string; remember: boolean; callbackUrl: string | null; expires: Date }) {
  return prisma.pendingSignIn.create({ data, select: { tokenHash: true } });
}

export function findPendingSignIn(tokenHash: string) {
  return prisma.pendingSignIn.findUnique({
    where: { tokenHash },
    select: { userId: true, remember: true, callbackUrl: true, attempts: true, expires: true, user: { select: { username: true, email: true } } },
  });
}

/** Counts a wrong code; returns how many there have been. */
export async function countWrongCode(tokenHash: string) {
  const row = await prisma.pendingSignIn.update({ where: { tokenHash }, data: { attempts: { increment: 1 } }, select: { attempts: true } });
  return row.attempts;
}

/** Ends a pending sign-in (used, or given up); true when this call ended it. */
export async function endPendingSignIn(tokenHash: string) {
  try {
    await prisma.pendingSignIn.delete({ where: { tokenHash } });
    return true;
  } catch (error) {
    if (isMissingRow(error)) return false;
    throw error;
  }
}

/** Whether a user has two-factor on (for the sign-in path, and REQUIRE_TWO_FACTOR). */
export async function hasTwoFactor(userId: string) {
  return (await prisma.twoFactor.count({ where: { userId, enabledAt: { not: null } } })) > 0;
}
