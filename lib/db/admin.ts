import "server-only";
import type { Prisma } from "./generated/client";
import { DATABASE, prisma } from "./client";

/** What the admin list shows of each user. */
const SUMMARY = {
  id: true,
  username: true,
  email: true,
  emailVerified: true,
  role: true,
  lockedAt: true,
  lastSeenAt: true,
  createdAt: true,
  twoFactor: { select: { enabledAt: true } },
} as const satisfies Prisma.UserSelect;

export type UserSort = "created" | "seen";
export type UserListQuery = { search?: string; sort: UserSort; direction: "asc" | "desc"; skip: number; take: number };

/**
 * One page of users for the admin list: a case-insensitive search on username or email
 * (usernameKey and email are stored lowercased), sorted by creation or last visit (both
 * indexed), with the total that matches.
 */
export async function listUsers({ search, sort, direction, skip, take }: UserListQuery) {
  const needle = search?.trim().toLowerCase();
  const where: Prisma.UserWhereInput = needle
    ? { OR: [{ usernameKey: { contains: needle } }, { email: { contains: needle } }] }
    : {};
  const orderBy: Prisma.UserOrderByWithRelationInput[] =
    sort === "seen"
      ? // Never-seen accounts last in descending order, first in ascending: SQLite's own order,
        // which its index serves as it is; PostgreSQL is told.
        [DATABASE === "postgresql" ? { lastSeenAt: { sort: direction, nulls: direction === "desc" ? "last" : "first" } } : { lastSeenAt: direction }, { id: direction }]
      : [{ createdAt: direction }, { id: direction }];
  const [rows, total] = await Promise.all([
    prisma.user.findMany({
      where,
      orderBy,
      skip,
      take,
      select: SUMMARY,
    }),
    prisma.user.count({ where }),
  ]);
  return { rows, total };
}

/** Everything the admin page of one user shows about them. */
export function findUserForAdmin(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { ...SUMMARY, passwordHash: true, accounts: { select: { provider: true } }, _count: { select: { passkeys: true } } },
  });
}

/** Locks (ending every session at once) or unlocks an account; false when nothing changed. */
export async function setLocked(userId: string, locked: boolean) {
  if (!locked) {
    const { count } = await prisma.user.updateMany({ where: { id: userId, lockedAt: { not: null } }, data: { lockedAt: null } });
    return count === 1;
  }
  const [{ count }] = await prisma.$transaction([
    prisma.user.updateMany({ where: { id: userId, lockedAt: null }, data: { lockedAt: new Date() } }),
    prisma.session.deleteMany({ where: { userId } }),
    prisma.pendingSignIn.deleteMany({ where: { userId } }),
  ]);
  return count === 1;
}

/** Ends every session of a user (and any sign-in waiting for its second step); how many ended. */
export async function endAllSessions(userId: string) {
  const [{ count }] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { userId } }),
    prisma.pendingSignIn.deleteMany({ where: { userId } }),
  ]);
  return count;
}

/** Usernames (or emails) of the given user ids, for naming people in the activity log. */
export async function namesOf(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true, email: true } });
  return new Map(users.map((user) => [user.id, user.username ?? user.email]));
}

/** A user id from what an admin typed: an id, a username or an email. */
export async function findUserIdByAny(text: string): Promise<string | null> {
  const key = text.trim().toLowerCase();
  if (!key) return null;
  const user = await prisma.user.findFirst({ where: { OR: [{ id: text.trim() }, { usernameKey: key }, { email: key }] }, select: { id: true } });
  return user?.id ?? null;
}
