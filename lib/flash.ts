import "server-only";
import { cookies } from "next/headers";

/**
 * One-time messages shown after a redirect. The cookie holds only a code; the text lives
 * here, so nothing a client writes into the cookie is ever displayed.
 */
export const FLASH_COOKIE = "flash";

export const FLASH_MESSAGES = {
  "signed-up": { kind: "success", text: "Your account has been created. Welcome!" },
  "signed-in": { kind: "success", text: "You are signed in." },
  "signed-out": { kind: "info", text: "You have been signed out" },
  "session-ended": { kind: "info", text: "Your session has ended. Please sign in again." },
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
