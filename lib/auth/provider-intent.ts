import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

/**
 * What a provider sign-in was started for, kept in a signed, HttpOnly cookie from the click to
 * the provider's callback (10 minutes at most): which provider, whether to remember the
 * session, where to go, and, when a signed-in person connects a provider from settings, which
 * session asked (lib/auth/provider-sign-in.ts links only then).
 */
export type ProviderIntent = {
  provider: string;
  remember: boolean;
  link?: { userId: string; sessionId: string };
};

export const INTENT_COOKIE = "provider-intent";
const LIFETIME_SECONDS = 10 * 60;

let key: Buffer | undefined;
const signingKey = () => (key ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", "front-door provider intent", 32)));
const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest("base64url");

export function encodeIntent(intent: ProviderIntent, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...intent, exp: now + LIFETIME_SECONDS * 1000 })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function decodeIntent(value: string | undefined, now = Date.now()): ProviderIntent | null {
  const [payload, signature] = value?.split(".") ?? [];
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { exp, ...intent } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ProviderIntent & { exp: number };
    return typeof exp === "number" && exp > now && typeof intent.provider === "string" ? intent : null;
  } catch {
    return null;
  }
}

/** Remembers why a provider sign-in starts (in a server action, before Auth.js's redirect). */
export async function saveIntent(intent: ProviderIntent) {
  (await cookies()).set(INTENT_COOKIE, encodeIntent(intent), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: LIFETIME_SECONDS,
    secure: env.AUTH_URL?.startsWith("https:") ?? false,
  });
}

/** The intent of the provider sign-in this request belongs to, if any and still valid. */
export async function readIntent(): Promise<ProviderIntent | null> {
  return decodeIntent((await cookies()).get(INTENT_COOKIE)?.value);
}
