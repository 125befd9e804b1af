import "server-only";
import { prisma } from "./client";
import { isMissingRow } from "./errors";

export type LinkRow = {
  purpose: string;
  userId: string;
  email: string;
  fromEmail: string | null;
  expires: Date;
};

const LINK_FIELDS = { purpose: true, userId: true, email: true, fromEmail: true, expires: true } as const;

/** Stores a link's hashed secret, voiding the user's earlier links of the same purpose. */
export async function storeLink(tokenHash: string, link: LinkRow) {
  await prisma.$transaction([
    prisma.singleUseLink.deleteMany({ where: { userId: link.userId, purpose: link.purpose } }),
    prisma.singleUseLink.create({ data: { tokenHash, ...link } }),
  ]);
}

export function findLink(tokenHash: string): Promise<LinkRow | null> {
  return prisma.singleUseLink.findUnique({ where: { tokenHash }, select: LINK_FIELDS });
}

/** Deletes and returns a link in one statement: of two requests racing with one link, one wins. */
export async function takeLink(tokenHash: string): Promise<LinkRow | null> {
  try {
    return await prisma.singleUseLink.delete({ where: { tokenHash }, select: LINK_FIELDS });
  } catch (error) {
    if (isMissingRow(error)) return null;
    throw error;
  }
}

/** The statement that voids a user's links of the given purposes, for use inside a transaction. */
export const voidLinks = (userId: string, purposes: readonly string[]) =>
  prisma.singleUseLink.deleteMany({ where: { userId, purpose: { in: [...purposes] } } });
