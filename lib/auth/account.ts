import "server-only";
import {
  changePasswordHash,
  deleteUserAndData,
  findUserByEmail,
  findUserById,
  markEmailVerified,
  replaceEmail,
} from "@/lib/db/users";
import { env } from "@/lib/env";
import { logger, securityEvent } from "@/lib/log";
import { sendMail } from "@/lib/mail/transport";
import * as templates from "@/lib/mail/templates";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { issueLink, type LinkPurpose, peekLink, redeemLink } from "./links";
import { hashPassword, PasswordTooLongError, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { EMAIL_TAKEN } from "./sign-up";

type User = { id: string; username: string; email: string };

/** Sends a mail; a failure is logged, not shown: the user can ask again. */
async function deliver(to: string, content: templates.MailContent) {
  try {
    await sendMail({ to, ...content });
  } catch (error) {
    logger.error({ subject: content.subject, error: (error as Error).message }, "mail.failed");
  }
}

export async function sendVerificationEmail(user: User) {
  const { url, hours } = await issueLink({ purpose: "verify-email", userId: user.id, email: user.email });
  await deliver(user.email, templates.verifyEmail({ username: user.username, url, expiresInHours: hours }));
}

export type EmailLinkOutcome = "verified" | "email-changed" | "email-taken" | "invalid" | "expired";

/**
 * Opens a link from a verify-email or change-email message. A new address takes effect only
 * while the account still has the address the change was asked from; then every other link
 * of the account is void and every session but the one opening the link (`current`, when it
 * is this account's) ends.
 */
export async function openEmailLink(token: unknown, current: { userId: string; sessionId: string } | null): Promise<EmailLinkOutcome> {
  const link = await redeemLink(token, ["verify-email", "change-email"]);
  if (!link.ok) return link.reason;
  const { purpose, userId, email, fromEmail } = link.target;
  const user = await findUserById(userId);
  if (!user) return "invalid";
  if (purpose === "verify-email") {
    const { count } = await markEmailVerified(userId, email);
    if (count === 1) securityEvent("email.verified", { userId });
    return count === 1 ? "verified" : "invalid";
  }
  const keep = current?.userId === userId ? current.sessionId : null;
  const outcome = fromEmail ? await replaceEmail(userId, fromEmail, email, keep) : "stale";
  if (outcome === "stale") return "invalid";
  if (outcome === "taken") return "email-taken";
  securityEvent("email.changed", { userId });
  await deliver(user.email, templates.emailChangedNotice({ username: user.username, newEmail: email }));
  return "email-changed";
}

export const RESET_LINK_SENT =
  "If an account exists for that address, we sent a link to reset your password. It expires in 1 hour.";

/**
 * Starts a password reset for whoever owns `email`, if anyone. Callers run it after the
 * response is sent, so the answer is the same, and as fast, either way.
 */
export async function startPasswordReset(email: string) {
  const user = await findUserByEmail(email);
  if (!user) return;
  const { url, hours } = await issueLink({ purpose: "reset-password", userId: user.id, email: user.email });
  await deliver(user.email, templates.passwordReset({ username: user.username, url, expiresInMinutes: hours * 60 }));
}

export type ResetLinkCheck = { ok: true; user: { username: string; email: string } } | { ok: false; reason: "invalid" | "expired" };

/** Whether a reset link can still be used, and whose it is (to warn about their own name in the password). */
export async function checkResetLink(token: unknown): Promise<ResetLinkCheck> {
  const link = await peekLink(token, ["reset-password"]);
  if (!link.ok) return link;
  const user = await findUserById(link.target.userId);
  return user ? { ok: true, user: { username: user.username, email: user.email } } : { ok: false, reason: "invalid" };
}

/**
 * Links a new password voids: older reset links, and pending email changes, so an intruder
 * evicted by a reset cannot finish moving the account to their address.
 */
const VOIDED_BY_PASSWORD_CHANGE = ["reset-password", "change-email"] as const satisfies LinkPurpose[];

export type ResetResult = { ok: true } | { ok: false; link: "invalid" | "expired" } | { ok: false; password: string };

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
  await changePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST), {
    keepSessionId: null,
    voidLinkPurposes: VOIDED_BY_PASSWORD_CHANGE,
  });
  securityEvent("password.reset", { userId: user.id });
  await deliver(user.email, templates.passwordChanged({ username: user.username, when: new Date() }));
  return { ok: true };
}

export type PasswordCheck = { ok: true; user: NonNullable<Awaited<ReturnType<typeof findUserById>>> } | { ok: false; retryAfterMs?: number };

/**
 * Confirms the signed-in user's current password before a sensitive change. Guesses count
 * against the account's sign-in throttle for this network (counted before the check, like
 * every guess), so settings are no way around it.
 */
export async function confirmCurrentPassword(userId: string, password: string, ip: string): Promise<PasswordCheck> {
  const user = await findUserById(userId);
  if (!user) return { ok: false };
  const attempt = await signInThrottle().attempt({ shown: `user:${user.id}` }, ip, user.id);
  if (attempt.status === "blocked") return { ok: false, retryAfterMs: attempt.retryAfterMs };
  if (attempt.status !== "allowed") return { ok: false };
  let ok = false;
  try {
    ok = (await verifyPassword(password, user.passwordHash, env.BCRYPT_COST)).ok;
  } catch (error) {
    if (!(error instanceof PasswordTooLongError)) throw error;
  }
  if (!ok) {
    securityEvent("current_password.refused", { userId, ip });
    const next = await attempt.fail();
    return next.blocked ? { ok: false, retryAfterMs: next.retryAfterMs } : { ok: false };
  }
  await attempt.succeed();
  return { ok: true, user };
}

/** Sets a new password for a signed-in user; their other sessions end. */
export async function changePassword(user: User, password: string, currentSessionId: string) {
  const weak = await passwordProblem(password, user);
  if (weak) return { ok: false as const, password: weak };
  await changePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST), {
    keepSessionId: currentSessionId,
    voidLinkPurposes: VOIDED_BY_PASSWORD_CHANGE,
  });
  securityEvent("password.changed", { userId: user.id });
  await deliver(user.email, templates.passwordChanged({ username: user.username, when: new Date() }));
  return { ok: true as const };
}

/** Sends a confirmation link to a new address; the address changes only once it is opened. */
export async function requestEmailChange(user: User, newEmail: string) {
  if (newEmail === user.email) return { ok: false as const, email: "This is already your email address" };
  if (await findUserByEmail(newEmail)) return { ok: false as const, email: EMAIL_TAKEN };
  const { url, hours } = await issueLink({ purpose: "change-email", userId: user.id, email: newEmail, fromEmail: user.email });
  securityEvent("email.change_requested", { userId: user.id });
  await deliver(newEmail, templates.emailChangeRequested({ username: user.username, url, expiresInHours: hours }));
  return { ok: true as const };
}

export async function deleteAccount(userId: string) {
  await deleteUserAndData(userId);
  securityEvent("account.deleted", { userId });
}
