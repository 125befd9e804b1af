import "server-only";
import { prisma } from "./client";

export type ActivityRow = {
  id: string;
  userId: string | null;
  actorId: string | null;
  type: string;
  ip: string | null;
  device: string | null;
  details: string | null;
  createdAt: Date;
};

export type NewActivity = Omit<ActivityRow, "id" | "createdAt">;

export function insertActivity(data: NewActivity) {
  return prisma.activityEvent.create({ data, select: { id: true } });
}

/** The latest events about one person, newest first (the index on userId + createdAt). */
export function latestActivityOf(userId: string, take: number): Promise<ActivityRow[]> {
  return prisma.activityEvent.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

/** Every event, newest first, optionally of one type and about one person; a page and whether more follow. */
export async function listActivity({ type, userId, skip, take }: { type?: string; userId?: string; skip: number; take: number }) {
  const rows = await prisma.activityEvent.findMany({
    where: { ...(type && { type }), ...(userId && { userId }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: take + 1,
  });
  return { rows: rows.slice(0, take), more: rows.length > take };
}

/** Deletes events older than `before`; returns how many went. */
export async function pruneActivity(before: Date) {
  const { count } = await prisma.activityEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
