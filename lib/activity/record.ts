import "server-only";
import { headers } from "next/headers";
import { insertActivity, pruneActivity } from "@/lib/db/activity";
import { env } from "@/lib/env";
import { describeUserAgent } from "@/lib/http/user-agent";
import type { SecurityEvent, SecurityFields } from "@/lib/log";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
let lastPruneAt = 0;

/** Fields that are stored as their own columns, or never at all. */
const NOT_DETAILS = new Set(["userId", "actorId", "ip"]);

/**
 * Writes one security event about an account to the activity log: who it is about, who did
 * it (the person themselves unless an admin is named), the address, and the browser read from
 * the request's User-Agent. Old events are pruned from here, at most once an hour per process,
 * so the table never grows without bound and no scheduler is needed.
 */
export async function recordActivity(event: SecurityEvent, fields: SecurityFields) {
  const userId = typeof fields.userId === "string" ? fields.userId : null;
  const actorId = typeof fields.actorId === "string" ? fields.actorId : userId;
  const details = Object.fromEntries(Object.entries(fields).filter(([key, value]) => !NOT_DETAILS.has(key) && value !== undefined));
  await insertActivity({
    userId,
    actorId,
    type: event,
    ip: typeof fields.ip === "string" ? fields.ip : null,
    device: await currentDevice(),
    details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
  });
  await pruneOldActivity();
}

/** The browser of the request being served, if any ("Chrome 131 on Linux"). */
async function currentDevice(): Promise<string | null> {
  try {
    return describeUserAgent((await headers()).get("user-agent"));
  } catch {
    return null; // Not in a request (a script, a test).
  }
}

/** Deletes events older than ACTIVITY_RETENTION_DAYS; runs at most once an hour per process. */
export async function pruneOldActivity(now = Date.now(), { force = false } = {}) {
  if (!force && now - lastPruneAt < HOUR_MS) return 0;
  lastPruneAt = now;
  return pruneActivity(new Date(now - env.ACTIVITY_RETENTION_DAYS * DAY_MS));
}
