import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "./client";

/** How often a session's "last seen" time may be written: at most once a minute. */
const LAST_SEEN_INTERVAL_MS = 60_000;

export type NewSession = {
  userId: string;
  remember: boolean;
  expires: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
};

export function createSession(data: NewSession) {
  return prisma.session.create({
    data: { ...data, sessionToken: randomBytes(32).toString("base64url") },
    select: { id: true },
  });
}

/**
 * The authoritative session check: one primary-key read joined to its user.
 * Returns null when the row is gone (signed out, revoked) or expired.
 */
export async function findActiveSession(sessionId: string, userId: string) {
  const row = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      userId: true,
      expires: true,
      lastSeenAt: true,
      user: { select: { id: true, username: true, email: true } },
    },
  });
  if (!row || row.userId !== userId || row.expires.getTime() <= Date.now()) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_INTERVAL_MS) {
    // Best effort: a missed "last seen" write must never fail the request.
    prisma.session
      .update({ where: { id: row.id }, data: { lastSeenAt: new Date() }, select: { id: true } })
      .catch(() => {});
  }
  return row;
}

export function deleteSession(sessionId: string) {
  return prisma.session.deleteMany({ where: { id: sessionId } });
}
