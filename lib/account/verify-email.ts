import "server-only";
import { issueLink, redeemLink } from "@/lib/auth/links";
import { findUserById, markEmailVerified } from "@/lib/db/users";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { mailWait } from "@/lib/security/mail-limit";
import { tooManyMails } from "@/lib/security/retry-message";
import { confirmEmailChange } from "./change-email";
import { deliver } from "./notify";

type Recipient = { id: string; username: string | null; email: string };

/** Mails a link that verifies the account's present address (24 h); a newer one voids it. */
export async function sendVerificationEmail(user: Recipient) {
  const { url, hours } = await issueLink({ purpose: "verify-email", userId: user.id, email: user.email });
  await deliver(user.email, templates.verifyEmail({ username: user.username, url, expiresInHours: hours }));
}

/** "Resend email": a new verification link, a few an hour at most. */
export async function resendVerification(user: Recipient): Promise<{ ok: true } | { ok: false; formError: string }> {
  const wait = await mailWait(`user:${user.id}`);
  if (wait > 0) return { ok: false, formError: tooManyMails(wait) };
  await sendVerificationEmail(user);
  return { ok: true };
}

type EmailLinkOutcome = "verified" | "email-changed" | "email-taken" | "invalid" | "expired";

/**
 * Opens a link from a verify-email or change-email message. `current` is the session of the
 * browser opening it, if any: an email change keeps that one session and ends the others.
 */
export async function openEmailLink(token: unknown, current: { userId: string; sessionId: string } | null): Promise<EmailLinkOutcome> {
  const link = await redeemLink(token, ["verify-email", "change-email"]);
  if (!link.ok) return link.reason;
  const user = await findUserById(link.target.userId);
  if (!user) return "invalid";
  if (link.target.purpose === "change-email") return confirmEmailChange(user, link.target, current);
  const { count } = await markEmailVerified(user.id, link.target.email);
  if (count !== 1) return "invalid";
  securityEvent("email.verified", { userId: user.id });
  return "verified";
}
