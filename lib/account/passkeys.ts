import "server-only";
import { registerPasskey, verifyPasskey } from "@/lib/auth/passkeys";
import type { SessionInfo, SessionUser } from "@/lib/auth/session";
import { markSessionConfirmed } from "@/lib/db/sessions";
import { countPasskeys, listPasskeys, removePasskey as remove } from "@/lib/db/passkeys";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { deliver } from "./notify";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export const LAST_PASSKEY = "Set a password before you remove your last sign-in method.";

/** The person's passkeys, oldest first, for the settings list. */
export async function passkeysOf(userId: string): Promise<PasskeySummary[]> {
  return (await listPasskeys(userId)).map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt }));
}

export const hasPasskeys = async (userId: string) => (await countPasskeys(userId)) > 0;

/** Stores the passkey the browser made for this person, and tells them by mail. False when it does not check out. */
export async function addPasskey(user: SessionUser, name: string, response: Parameters<typeof registerPasskey>[2], ip: string) {
  if (!(await registerPasskey(user.id, name, response))) return false;
  securityEvent("passkey.added", { userId: user.id, ip });
  await deliver(user.email, templates.passkeyAdded({ username: user.username, name }));
  return true;
}

/** Removes a passkey, unless it is the account's last way to sign in, and tells the person by mail. */
export async function removePasskey(user: SessionUser, id: string, ip: string) {
  const result = await remove(user.id, id);
  if (result.outcome !== "removed") return result.outcome;
  securityEvent("passkey.removed", { userId: user.id, ip });
  await deliver(user.email, templates.passkeyRemoved({ username: user.username, name: result.name }));
  return result.outcome;
}

/**
 * Confirms it is really this person, with one of their own passkeys, before a sensitive change
 * (the passkey's user verification makes it both factors). For ten minutes the session counts
 * as freshly signed in. False when the passkey does not check out.
 */
export async function confirmWithPasskey(session: SessionInfo, response: Parameters<typeof verifyPasskey>[0], ip: string) {
  const user = await verifyPasskey(response, session.user.id);
  if (!user) {
    securityEvent("passkey.refused", { userId: session.user.id, ip });
    return false;
  }
  await markSessionConfirmed(session.sessionId);
  securityEvent("passkey.confirmed", { userId: session.user.id, ip });
  return true;
}
