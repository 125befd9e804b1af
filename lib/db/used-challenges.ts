import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";

/**
 * Records a solved challenge as used. False when it was used before: the primary key decides,
 * so two requests racing with one solution cannot both win.
 */
export async function redeemChallenge(signature: string, expiresAt: Date): Promise<boolean> {
  try {
    await prisma.usedChallenge.create({ data: { signature, expiresAt } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
  await prisma.usedChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return true;
}
