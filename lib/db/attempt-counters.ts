import "server-only";
import { prisma } from "./client";
import { isUniqueViolation } from "./errors";
import { Prisma } from "./generated/client";

/** How a counter spaces its attempts. */
export type Spacing = {
  /** The count starts again this long after its first attempt. */
  windowSeconds: number;
  /** Seconds the next attempt must wait after the `count`-th (0: none). */
  waitAfter: (count: number) => number;
};

type Reservation = { ok: true; count: number } | { ok: false; retryAfterMs: number };

/** Compare-and-swap rounds before a reservation gives up under heavy contention (and refuses). */
const MAX_ROUNDS = 16;

/**
 * Counts one attempt at `key` now, before the work it guards, unless the attempt must wait.
 * Reserving first is what makes a burst of parallel requests get exactly what the same
 * requests one after another would: each sees the count and wait the ones before it left.
 * The wait is set as if this attempt will fail; `settle` measures it again from the outcome.
 * Every write is a compare-and-swap on the row, so it holds across processes too.
 */
export async function reserve(key: string, spacing: Spacing, now = new Date()): Promise<Reservation> {
  sweepNowAndThen(now);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await prisma.attemptCounter.findUnique({ where: { key } });
    if (row && row.nextAllowedAt > now) return { ok: false, retryAfterMs: row.nextAllowedAt.getTime() - now.getTime() };
    const fresh = !row || row.windowEndsAt <= now;

    const count = fresh ? 1 : row.count + 1;
    const data = {
      count,
      nextAllowedAt: new Date(now.getTime() + spacing.waitAfter(count) * 1000),
      ...(fresh && { windowEndsAt: new Date(now.getTime() + spacing.windowSeconds * 1000) }),
    };
    if (!row) {
      if (await createIfAbsent({ key, ...data, windowEndsAt: data.windowEndsAt! })) return { ok: true, count };
      continue;
    }
    const { count: swapped } = await prisma.attemptCounter.updateMany({
      where: { key, count: row.count, nextAllowedAt: row.nextAllowedAt, windowEndsAt: row.windowEndsAt },
      data,
    });
    if (swapped === 1) return { ok: true, count };
  }
  return { ok: false, retryAfterMs: 1000 };
}

async function createIfAbsent(data: Prisma.AttemptCounterCreateInput) {
  try {
    await prisma.attemptCounter.create({ data });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * After the `count`-th attempt failed: its wait runs from now (the failure) rather than from
 * when it was reserved, unless a later attempt has been reserved since.
 */
export async function settle(key: string, count: number, waitSeconds: number, now = new Date()) {
  if (waitSeconds <= 0) return;
  await prisma.attemptCounter.updateMany({
    where: { key, count, nextAllowedAt: { lt: new Date(now.getTime() + waitSeconds * 1000) } },
    data: { nextAllowedAt: new Date(now.getTime() + waitSeconds * 1000) },
  });
}

/** Forgets the attempts at these keys (a correct password clears the count). */
export async function clear(...keys: string[]) {
  await prisma.attemptCounter.deleteMany({ where: { key: { in: keys } } });
}

const SWEEP_EVERY_MS = 10 * 60_000;
let lastSweep = 0;

/** Drops counters whose window has closed, at most every ten minutes per process, in the background. */
function sweepNowAndThen(now: Date) {
  if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now.getTime();
  prisma.attemptCounter.deleteMany({ where: { windowEndsAt: { lt: now }, nextAllowedAt: { lt: now } } }).catch(() => {});
}
