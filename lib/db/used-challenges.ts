import "server-only";
import { prisma } from "./client";
import { isUniqueViolation } from "./errors";

/**
 * Records a solved challenge as used. False when it was used before: the primary key decides,
 * so two requests racing with one solution cannot both win.
 */
export async function redeemChallenge(signature: string, expiresAt: Date): Promise<boolean> {
  try {
    await prisma.usedChallenge.create({ data: { signature, expiresAt } });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  await prisma.usedChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return true;
}
