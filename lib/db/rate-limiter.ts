import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { prisma } from "./client";

export type LimiterOptions = {
  /** Separates this limiter's keys from the others' in the one RateLimit table. */
  keyPrefix: string;
  points: number;
  /** Seconds a window lasts from its first point. */
  duration: number;
};

/**
 * A rate-limiter-flexible limiter stored in the RateLimit table, so counts survive restarts
 * and are shared by every process using the database.
 */
export function createLimiter({ keyPrefix, points, duration }: LimiterOptions) {
  return new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimit", keyPrefix, points, duration });
}
