import "server-only";
import { prisma } from "./client";
import { isUniqueViolation } from "./errors";

/** A person who comes through an identity provider: no username or password yet. */
export function createProviderUser(data: { email: string; emailVerified: Date | null; name: string | null; image: string | null }) {
  return prisma.user.create({ data });
}

/** Links a provider's account to a user; tokens are not kept. False when it is linked already. */
export async function linkProviderAccount(data: { userId: string; type: string; provider: string; providerAccountId: string }) {
  try {
    await prisma.account.create({ data });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export function findProviderAccount(provider: string, providerAccountId: string) {
  return prisma.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
}

export function listProviderAccounts(userId: string) {
  return prisma.account.findMany({ where: { userId }, select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } });
}

/**
 * Unlinks a user's account at `provider`, unless it is their last way to sign in (no password,
 * no passkey and no other provider). Both are read and written in one transaction, so two disconnects
 * racing cannot leave the account with none.
 */
export function unlinkProviderAccount(userId: string, provider: string): Promise<"unlinked" | "last-method" | "not-linked"> {
  return prisma.$transaction(async (tx) => {
    const [user, accounts, passkeys] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
      tx.account.findMany({ where: { userId }, select: { provider: true } }),
      tx.passkey.count({ where: { userId } }),
    ]);
    if (!accounts.some((a) => a.provider === provider)) return "not-linked" as const;
    if (!user?.passwordHash && passkeys === 0 && accounts.length <= 1) return "last-method" as const;
    await tx.account.deleteMany({ where: { userId, provider } });
    return "unlinked" as const;
  });
}
