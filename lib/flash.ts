import "server-only";
import { cookies } from "next/headers";

/**
 * One-time messages shown after a redirect. The cookie holds only a code; the text lives
 * here, so nothing a client writes into the cookie is ever displayed.
 */
const FLASH_COOKIE = "flash";

const FLASH_MESSAGES = {
  "signed-up": { kind: "success", text: "Your account has been created. Welcome!" },
  "signed-in": { kind: "success", text: "You are signed in." },
  "signed-out": { kind: "info", text: "You have been signed out" },
  "session-ended": { kind: "info", text: "Your session has ended. Please sign in again." },
  "email-verified": { kind: "success", text: "Your email address is verified." },
  "email-changed": { kind: "success", text: "Your email address has been changed." },
  "email-taken": { kind: "error", text: "That address now belongs to another account, so your email address was not changed." },
  "link-invalid": { kind: "error", text: "This link is invalid or has already been used. Request a new one." },
  "link-expired": { kind: "error", text: "This link has expired. Request a new one." },
  "password-reset": { kind: "success", text: "Your password has been reset. Sign in with your new password." },
  "password-changed": { kind: "success", text: "Your password has been changed. Your other sessions were signed out." },
  "passkey-added": { kind: "success", text: "Your passkey is added. You can sign in with it." },
  "passkey-removed": { kind: "info", text: "The passkey is removed." },
  "two-factor-off": { kind: "info", text: "Two-factor authentication is off." },
  "two-factor-on": { kind: "success", text: "Two-factor authentication is on." },
  "two-factor-expired": { kind: "error", text: "Your sign-in took too long. Please sign in again." },
  "two-factor-ended": { kind: "error", text: "Too many wrong codes. Please sign in again." },
  "password-set": { kind: "success", text: "Your password is set. You can now also sign in with your email or username." },
  "verification-sent": { kind: "info", text: "We sent a new verification link to your email address." },
  "email-change-sent": {
    kind: "info",
    text: "We sent a confirmation link to your new address. Your email address changes once you open it.",
  },
  "session-revoked": { kind: "success", text: "That session has been signed out." },
  "other-sessions-revoked": { kind: "success", text: "All your other sessions have been signed out." },
  "account-deleted": { kind: "info", text: "Your account and all its data have been deleted. Goodbye!" },
  "admin-user-deleted": { kind: "success", text: "The account and all its data are deleted." },
  "admin-sessions-ended": { kind: "success", text: "Every session of this user has ended." },
  "admin-locked": { kind: "success", text: "The account is locked, and every session of it has ended." },
  "admin-unlocked": { kind: "success", text: "The account is unlocked." },
  "admin-verification-sent": { kind: "success", text: "A new verification link is on its way to the user." },
  "admin-two-factor-reset": { kind: "success", text: "Two-factor authentication is off for this user; they can set it up again." },
} as const;

export type FlashCode = keyof typeof FLASH_MESSAGES;
export type Flash = { kind: "success" | "info" | "error"; text: string };

export async function setFlash(code: FlashCode) {
  (await cookies()).set(FLASH_COOKIE, code, {
    path: "/",
    maxAge: 60,
    sameSite: "lax",
    // Read and cleared by the page's script once shown.
    httpOnly: false,
  });
}

export async function readFlash(): Promise<Flash | null> {
  const code = (await cookies()).get(FLASH_COOKIE)?.value;
  return code && Object.hasOwn(FLASH_MESSAGES, code) ? FLASH_MESSAGES[code as FlashCode] : null;
}
