import "server-only";
import { prisma, rows } from "./client";

/** How often a session's "last seen" time may be written: at most once a minute. */
const LAST_SEEN_INTERVAL_MS = 60_000;

type NewSession = {
  userId: string;
  remember: boolean;
  /** "password" (the default) or the identity provider's id. */
  method?: string;
  expires: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
};

export async function createSession(data: NewSession) {
  const [session] = await prisma.$transaction([
    prisma.session.create({ data, select: { id: true } }),
    prisma.user.update({ where: { id: data.userId }, data: { lastSeenAt: new Date() }, select: { id: true } }),
  ]);
  return session;
}

/** Records that the person just proved it is them again in this session. */
export async function markSessionConfirmed(sessionId: string) {
  await prisma.session.updateMany({ where: { id: sessionId }, data: { confirmedAt: new Date() } });
}

/**
 * The authoritative session check: one primary-key read joined to its user.
 * Returns null when the row is gone (signed out, revoked) or expired.
 */
export async function findActiveSession(sessionId: string, userId: string) {
  // SQL straight to the driver adapter (see lib/db/connect.ts): this runs on every protected
  // request, and a model query is compiled anew by Prisma's query compiler on each call.
  // Identifiers quoted: PostgreSQL folds unquoted ones to lower case (SQLite reads both).
  const [row] = await rows<ActiveSessionRow>`
    SELECT s."id", s."userId", s."expires", s."lastSeenAt", s."createdAt", s."confirmedAt", s."method",
      u."username", u."email", u."emailVerified", u."role", u."lockedAt",
      (SELECT t."enabledAt" FROM "TwoFactor" t WHERE t."userId" = s."userId") AS "twoFactorAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`;
  if (!row || row.userId !== userId || new Date(row.expires).getTime() <= Date.now()) return null;
  // A locked account has no live session, whatever rows it still has.
  if (row.lockedAt !== null) return null;
  if (Date.now() - new Date(row.lastSeenAt).getTime() > LAST_SEEN_INTERVAL_MS) {
    // Best effort: a missed "last seen" write must never fail the request.
    const now = new Date();
    prisma.$executeRaw`UPDATE "Session" SET "lastSeenAt" = ${now} WHERE "id" = ${row.id}`.catch(() => {});
    prisma.$executeRaw`UPDATE "User" SET "lastSeenAt" = ${now} WHERE "id" = ${row.userId}`.catch(() => {});
  }
  return {
    id: row.id,
    createdAt: new Date(row.createdAt),
    confirmedAt: row.confirmedAt === null ? null : new Date(row.confirmedAt),
    method: row.method,
    user: {
      id: row.userId,
      username: row.username,
      email: row.email,
      emailVerified: row.emailVerified !== null,
      twoFactor: row.twoFactorAt !== null,
      role: row.role === "admin" ? ("admin" as const) : ("user" as const),
    },
  };
}

/** Dates as ISO 8601 text, as the driver adapters read them. */
type ActiveSessionRow = {
  id: string;
  userId: string;
  expires: string;
  lastSeenAt: string;
  createdAt: string;
  confirmedAt: string | null;
  method: string;
  role: string;
  lockedAt: string | null;
  username: string | null;
  email: string;
  emailVerified: string | null;
  twoFactorAt: string | null;
};

export function deleteSession(sessionId: string) {
  return prisma.session.deleteMany({ where: { id: sessionId } });
}

export function listSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expires: { gt: new Date() } },
    select: { id: true, ipAddress: true, userAgent: true, createdAt: true, lastSeenAt: true, remember: true, method: true },
    orderBy: { lastSeenAt: "desc" },
  });
}

/** Ends one of a user's sessions; the user id guards against ending someone else's. */
export function deleteUserSession(userId: string, sessionId: string) {
  return prisma.session.deleteMany({ where: { id: sessionId, userId } });
}

/** Ends every session of a user except `keep` (none kept when it is null). */
export function deleteOtherSessions(userId: string, keep: string | null) {
  return prisma.session.deleteMany({ where: { userId, ...(keep && { id: { not: keep } }) } });
}
