import "server-only";
import { type IdentityProvider, configuredProviders } from "@/lib/auth/providers";
import { type SessionInfo, signedInRecently } from "@/lib/auth/session";
import { listProviderAccounts, unlinkProviderAccount } from "@/lib/db/accounts";
import { hasPassword } from "@/lib/db/users";
import { securityEvent } from "@/lib/log";
import { confirmRecentOrPassword } from "./current-password";

export type ConnectedAccount = IdentityProvider & { connectedAt: Date | null };

/** Each configured provider, and when this person connected it (null: not connected). */
export async function connectedAccounts(userId: string): Promise<ConnectedAccount[]> {
  const linked = await listProviderAccounts(userId);
  return configuredProviders().map((provider) => ({
    ...provider,
    connectedAt: linked.find((account) => account.provider === provider.id)?.createdAt ?? null,
  }));
}

/** Whether connecting needs the current password: a sign-in older than ten minutes, and a password to ask for. */
export async function connectNeedsPassword(session: SessionInfo) {
  return !signedInRecently(session) && (await hasPassword(session.user.id));
}

/**
 * Whether this person may connect `provider` now: within minutes of signing in, or with their
 * current password (counted like every password guess).
 */
export function mayConnect(session: SessionInfo, provider: IdentityProvider, currentPassword: string | undefined, ip: string) {
  return confirmRecentOrPassword(session, currentPassword, ip, `connect ${provider.name}`);
}

export const LAST_METHOD = "Set a password before you disconnect your last sign-in method.";

/** Disconnects a provider, unless it is the account's last way to sign in. */
export async function disconnect(userId: string, provider: string, ip: string) {
  const outcome = await unlinkProviderAccount(userId, provider);
  if (outcome === "unlinked") securityEvent("account.unlinked", { userId, ip, method: provider });
  return outcome;
}
