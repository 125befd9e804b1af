import "server-only";
import { prisma } from "./client";
import { Prisma } from "./generated/client";

/** Stores a link's hashed secret, replacing earlier links with the same identifier prefix. */
export async function storeLink(identifier: string, replacePrefix: string, tokenHash: string, expires: Date) {
  await prisma.$transaction([
    prisma.verificationToken.deleteMany({ where: { identifier: { startsWith: replacePrefix } } }),
    prisma.verificationToken.create({ data: { identifier, token: tokenHash, expires } }),
  ]);
}

export function findLink(tokenHash: string) {
  return prisma.verificationToken.findUnique({ where: { token: tokenHash }, select: { identifier: true, expires: true } });
}

/** Deletes and returns a link in one statement: of two requests racing with one link, one wins. */
export async function takeLink(tokenHash: string) {
  try {
    return await prisma.verificationToken.delete({ where: { token: tokenHash }, select: { identifier: true, expires: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
    throw error;
  }
}
