import { isIP } from "node:net";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

const UNKNOWN = "unknown";
let warned = false;

/**
 * The client's address from X-Forwarded-For, as rewritten by scripts/server.mjs: the entry
 * `trustProxy` places from the end (0: the last, which is the socket address). Malformed
 * values become "unknown" so they share one bucket instead of each getting a fresh one.
 */
export function pickClientIp(forwardedFor: string | null, trustProxy: number): string {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return UNKNOWN;
  const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)]!;
  const address = candidate.startsWith("::ffff:") ? candidate.slice(7) : candidate;
  return isIP(address) ? address.toLowerCase() : UNKNOWN;
}

/** The client address used for throttling and shown with sessions. */
export function clientIp(headers: Headers, trustProxy: number): string {
  // Only scripts/server.mjs guarantees the header cannot be chosen by the client; `next start`
  // and `next dev` keep whatever the client sent.
  if (!warned && env.NODE_ENV === "production" && !env.FRONT_DOOR_SERVER) {
    warned = true;
    logger.warn({ event: "client_ip.untrusted" }, "not started through scripts/server.mjs (npm start): X-Forwarded-For may be forged");
  }
  return pickClientIp(headers.get("x-forwarded-for"), trustProxy);
}

/**
 * The network an address belongs to, for per-client limits: an IPv4 address itself, an IPv6
 * address's /64 prefix (one subscriber usually gets a whole /64, and could otherwise rotate
 * through it to escape every limit). "unknown" stays one bucket.
 */
export function networkOf(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail] = ip.split("::");
  const groups = (part: string) =>
    part ? part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])) : [];
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
