import "server-only";
import { issueLink, type LinkTarget } from "@/lib/auth/links";
import type { SessionInfo } from "@/lib/auth/session";
import { EMAIL_TAKEN } from "@/lib/auth/sign-up";
import { findUserByEmail, replaceEmail } from "@/lib/db/users";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { mailWait } from "@/lib/security/mail-limit";
import { tooManyMails } from "@/lib/security/retry-message";
import { confirmRecentOrPassword } from "./current-password";
import { deliver } from "./notify";

type Field = "email" | "currentPassword";

/**
 * Asks to move a signed-in account to `newEmail`: after the current password (without one: a
 * recent sign-in or passkey confirmation), a link goes to the new address; nothing changes
 * until it is opened (lib/account/verify-email.ts).
 */
export async function requestEmailChange(
  session: SessionInfo,
  { email: newEmail, currentPassword }: { email: string; currentPassword?: string },
  ip: string,
): Promise<{ ok: true } | { ok: false; state: FormState<Field> }> {
  const check = await confirmRecentOrPassword(session, currentPassword, ip, "change your email", { alwaysAskPassword: true });
  if (!check.ok) return check;
  const { user } = session;
  const wait = await mailWait(`user:${user.id}`);
  if (wait > 0) return { ok: false, state: { formError: tooManyMails(wait) } };
  if (newEmail === user.email) return { ok: false, state: { fieldErrors: { email: "This is already your email address" } } };
  if (await findUserByEmail(newEmail)) return { ok: false, state: { fieldErrors: { email: EMAIL_TAKEN } } };
  const { url, hours } = await issueLink({ purpose: "change-email", userId: user.id, email: newEmail, fromEmail: user.email });
  securityEvent("email.change_requested", { userId: user.id });
  await deliver(newEmail, templates.emailChangeRequested({ username: user.username, url, expiresInHours: hours }));
  return { ok: true };
}

/**
 * Applies a change-email link. The new address takes effect only while the account still has
 * the address the change was asked from; then every other link of the account is void, every
 * session but the one opening the link (`current`, when it is this account's) ends, and the
 * old address is told.
 */
export async function confirmEmailChange(
  user: { id: string; username: string | null; email: string },
  link: LinkTarget,
  current: { userId: string; sessionId: string } | null,
) {
  const keep = current?.userId === user.id ? current.sessionId : null;
  const outcome = link.fromEmail ? await replaceEmail(user.id, link.fromEmail, link.email, keep) : "stale";
  if (outcome === "stale") return "invalid" as const;
  if (outcome === "taken") return "email-taken" as const;
  securityEvent("email.changed", { userId: user.id });
  await deliver(user.email, templates.emailChangedNotice({ username: user.username, newEmail: link.email }));
  return "email-changed" as const;
}
