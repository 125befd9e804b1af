import "server-only";
import { prisma } from "./client";
import { isMissingRow, isUniqueViolation } from "./errors";

export type StoredPasskey = { id: string; userId: string; publicKey: Uint8Array; counter: number; transports: string | null };

export function listPasskeys(userId: string) {
  return prisma.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, transports: true },
    orderBy: { createdAt: "asc" },
  });
}

export function findPasskey(id: string): Promise<StoredPasskey | null> {
  return prisma.passkey.findUnique({ where: { id }, select: { id: true, userId: true, publicKey: true, counter: true, transports: true } });
}

/** Stores a new passkey; false when that credential is stored already (for anyone). */
export async function createPasskey(data: {
  id: string;
  userId: string;
  name: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string | null;
  backedUp: boolean;
}): Promise<boolean> {
  try {
    await prisma.passkey.create({ data: { ...data, publicKey: Buffer.from(data.publicKey) }, select: { id: true } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * After a sign-in: the authenticator's new signature counter, and when it was used. False when
 * the passkey was removed meanwhile, or another sign-in moved the counter first: a counter only
 * moves forward, so one signature cannot open two sessions.
 */
export async function passkeyUsed(id: string, previousCounter: number, counter: number): Promise<boolean> {
  const { count } = await prisma.passkey.updateMany({
    where: { id, counter: previousCounter },
    data: { counter, lastUsedAt: new Date() },
  });
  return count === 1;
}

/**
 * Removes a user's passkey, unless it is their last way to sign in (no password, no identity
 * provider, no other passkey); read and written in one transaction.
 */
export function removePasskey(
  userId: string,
  id: string,
): Promise<{ outcome: "removed"; name: string } | { outcome: "last-method" | "not-found" }> {
  return prisma.$transaction(async (tx) => {
    const [user, passkeys, accounts] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
      tx.passkey.findMany({ where: { userId }, select: { id: true, name: true } }),
      tx.account.count({ where: { userId } }),
    ]);
    const passkey = passkeys.find((p) => p.id === id);
    if (!passkey) return { outcome: "not-found" as const };
    if (!user?.passwordHash && accounts === 0 && passkeys.length <= 1) return { outcome: "last-method" as const };
    await tx.passkey.delete({ where: { id } });
    return { outcome: "removed" as const, name: passkey.name };
  });
}

export function countPasskeys(userId: string) {
  return prisma.passkey.count({ where: { userId } });
}

export function saveChallenge(data: { id: string; challenge: string; purpose: string; userId: string | null; expires: Date }) {
  return prisma.$transaction([
    prisma.webAuthnChallenge.deleteMany({ where: { expires: { lt: new Date() } } }),
    prisma.webAuthnChallenge.create({ data, select: { id: true } }),
  ]);
}

/** Takes a challenge out (single use): null when it is not there any more. */
export async function takeChallenge(id: string) {
  try {
    return await prisma.webAuthnChallenge.delete({ where: { id }, select: { challenge: true, purpose: true, userId: true, expires: true } });
  } catch (error) {
    if (isMissingRow(error)) return null;
    throw error;
  }
}
