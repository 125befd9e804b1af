import "server-only";
import { issueLink, type LinkPurpose, peekLink, redeemLink } from "@/lib/auth/links";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { changePasswordHash, findUserByEmail, findUserById } from "@/lib/db/users";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { resetMailAllowed } from "@/lib/security/mail-limit";
import { deliver } from "./notify";

export const RESET_LINK_SENT =
  "If an account exists for that address, we sent a link to reset your password. It expires in 1 hour.";

/** Links a new password voids: older reset links, and pending email changes. */
const VOIDED_BY_PASSWORD_CHANGE = ["reset-password", "change-email"] as const satisfies LinkPurpose[];

/**
 * Mails a reset link to whoever owns `email`, if anyone, within the limits on mail to one
 * address (lib/security/mail-limit.ts). Callers run it after the response is sent, so the
 * answer is the same, and as fast, either way.
 */
export async function startPasswordReset(email: string, ip: string) {
  if (!(await resetMailAllowed(email, ip))) return;
  const user = await findUserByEmail(email);
  if (!user) return;
  const { url, hours } = await issueLink({ purpose: "reset-password", userId: user.id, email: user.email });
  await deliver(user.email, templates.passwordReset({ username: user.username, url, expiresInMinutes: hours * 60 }));
}

type ResetLinkCheck = { ok: true; user: { username: string | null; email: string } } | { ok: false; reason: "invalid" | "expired" };

/** Whether a reset link can still be used, and whose it is (to warn about their own name in the password). */
export async function checkResetLink(token: unknown): Promise<ResetLinkCheck> {
  const link = await peekLink(token, ["reset-password"]);
  if (!link.ok) return link;
  const user = await findUserById(link.target.userId);
  return user ? { ok: true, user: { username: user.username, email: user.email } } : { ok: false, reason: "invalid" };
}

type ResetResult = { ok: true } | { ok: false; link: "invalid" | "expired" } | { ok: false; password: string };

/**
 * Sets a new password through a reset link. The link is used up only once the password is
 * acceptable; then every session of the user ends and a notice is mailed.
 */
export async function resetPassword(token: unknown, password: string): Promise<ResetResult> {
  const link = await peekLink(token, ["reset-password"]);
  if (!link.ok) return { ok: false, link: link.reason };
  const user = await findUserById(link.target.userId);
  if (!user) return { ok: false, link: "invalid" };
  const weak = await passwordProblem(password, user);
  if (weak) return { ok: false, password: weak };

  const redeemed = await redeemLink(token, ["reset-password"]);
  if (!redeemed.ok) return { ok: false, link: redeemed.reason };
  await setNewPassword(user, password, { keepSessionId: null, event: "password.reset" });
  return { ok: true };
}

/**
 * Stores a new password (already checked against the policy) and, in the same transaction,
 * ends every session but `keepSessionId` and voids pending reset and change-email links, so an
 * intruder evicted by the change cannot finish moving the account to their address. The
 * person is told by mail.
 */
export async function setNewPassword(
  user: { id: string; username: string | null; email: string },
  password: string,
  { keepSessionId, event }: { keepSessionId: string | null; event: "password.reset" | "password.changed" },
) {
  await changePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST), {
    keepSessionId,
    voidLinkPurposes: VOIDED_BY_PASSWORD_CHANGE,
  });
  securityEvent(event, { userId: user.id });
  await deliver(user.email, templates.passwordChanged({ username: user.username, when: new Date() }));
}
