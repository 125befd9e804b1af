import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { findLink, type LinkRow, storeLink, takeLink } from "@/lib/db/links";
import { env } from "@/lib/env";

/** What a single-use link does, and how long it lasts. */
const LINKS = {
  "verify-email": { path: "/verify-email", hours: 24 },
  "change-email": { path: "/verify-email", hours: 24 },
  "reset-password": { path: "/reset-password", hours: 1 },
} as const;
export type LinkPurpose = keyof typeof LINKS;

export type LinkTarget = {
  purpose: LinkPurpose;
  userId: string;
  /** The address the link is mailed to. */
  email: string;
  /** change-email: the account's address when the change was asked for. */
  fromEmail?: string;
};
type LinkCheck = { ok: true; target: LinkTarget } | { ok: false; reason: "invalid" | "expired" };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** The app's public origin: links in mail are built from AUTH_URL, never from request headers. */
export function appOrigin() {
  return (env.AUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/**
 * Creates a link for `target`, voiding earlier links of the same purpose for that user (the
 * newest mail is the one that works). Only a hash of its secret is stored.
 */
export async function issueLink(target: LinkTarget) {
  const token = randomBytes(32).toString("base64url");
  const { path, hours } = LINKS[target.purpose];
  const expires = new Date(Date.now() + hours * 3600_000);
  await storeLink(hashOf(token), { ...target, fromEmail: target.fromEmail ?? null, expires });
  return { url: `${appOrigin()}${path}?token=${token}`, hours };
}

function check(row: LinkRow | null, purposes: LinkPurpose[]): LinkCheck {
  if (!row || !purposes.includes(row.purpose as LinkPurpose)) return { ok: false, reason: "invalid" };
  if (row.expires.getTime() <= Date.now()) return { ok: false, reason: "expired" };
  const { purpose, userId, email, fromEmail } = row;
  return { ok: true, target: { purpose: purpose as LinkPurpose, userId, email, ...(fromEmail && { fromEmail }) } };
}

const lookup = (token: unknown) => (typeof token === "string" && TOKEN_PATTERN.test(token) ? hashOf(token) : null);

/** Looks a link up without using it (to show a form). */
export async function peekLink(token: unknown, purposes: LinkPurpose[]): Promise<LinkCheck> {
  const hash = lookup(token);
  return hash ? check(await findLink(hash), purposes) : { ok: false, reason: "invalid" };
}

/** Uses a link up: whatever the outcome, it cannot be used again. */
export async function redeemLink(token: unknown, purposes: LinkPurpose[]): Promise<LinkCheck> {
  const hash = lookup(token);
  if (!hash) return { ok: false, reason: "invalid" };
  // A link of another purpose is left alone; anything else is deleted as it is checked.
  const peeked = check(await findLink(hash), purposes);
  if (!peeked.ok && peeked.reason === "invalid") return peeked;
  return check(await takeLink(hash), purposes);
}
