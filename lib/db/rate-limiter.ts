import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "./client";

type LimiterOptions = {
  /** Separates this limiter's keys from the others' in the one RateLimit table. */
  keyPrefix: string;
  points: number;
  /** Seconds a window lasts from its first point. */
  duration: number;
};

type Limiter = ReturnType<typeof createLimiter>;

/**
 * A rate-limiter-flexible limiter stored in the RateLimit table, so counts survive restarts
 * and are shared by every process using the database.
 */
export function createLimiter({ keyPrefix, points, duration }: LimiterOptions) {
  return new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimit", keyPrefix, points, duration });
}

export type Slot =
  | { ok: true; count: number; msBeforeReset: number; release(): Promise<void> }
  | { ok: false; retryAfterMs: number };

/**
 * Takes one of `key`'s points before the work it limits, in one atomic increment, so that a
 * burst of parallel requests gets exactly the points a sequence would. `release` gives the
 * point back when the work turns out not to count (it was refused, or it succeeded where
 * only failures count). A refused take gives its point back at once.
 */
export async function takeSlot(limiter: Limiter, key: string): Promise<Slot> {
  try {
    const taken = await limiter.consume(key, 1);
    return {
      ok: true,
      count: taken.consumedPoints,
      msBeforeReset: taken.msBeforeNext,
      release: () => limiter.reward(key, 1).then(() => undefined),
    };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    await limiter.reward(key, 1);
    return { ok: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
  }
}
