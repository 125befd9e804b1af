import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { after } from "next/server";
import { rememberDevice } from "@/lib/db/known-devices";
import { env } from "@/lib/env";
import { requestMeta } from "@/lib/http/request-meta";
import { describeUserAgent } from "@/lib/http/user-agent";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { deliver } from "./notify";

/** A long-lived random id per browser, HttpOnly: how "a device the account has used" is told. */
const DEVICE_COOKIE = "device";
const DEVICE_MAX_AGE_SECONDS = 400 * 24 * 3600;
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * After a sign-in: when this browser has not signed in to the account before (by its own
 * long-lived cookie, checked against the account's own list, never by IP), the person is
 * mailed "New sign-in to your account" (NEW_DEVICE_MAIL). A new account's first browser is
 * simply remembered.
 */
export async function noticeDevice(user: { id: string; username: string | null; email: string }, { newAccount = false } = {}) {
  const jar = await cookies();
  let id = jar.get(DEVICE_COOKIE)?.value;
  if (!id || !DEVICE_ID.test(id)) {
    id = randomBytes(32).toString("base64url");
    jar.set(DEVICE_COOKIE, id, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: DEVICE_MAX_AGE_SECONDS,
      secure: env.AUTH_URL?.startsWith("https:") ?? false,
    });
  }
  const isNew = await rememberDevice(user.id, createHash("sha256").update(id).digest("base64url"));
  if (!isNew || newAccount) return;
  const meta = requestMeta(await headers(), env.TRUST_PROXY);
  const device = describeUserAgent(meta.userAgent);
  const ip = meta.ipAddress ?? "unknown";
  securityEvent("signin.new_device", { userId: user.id, ip, device });
  if (!env.NEW_DEVICE_MAIL) return;
  const when = new Date();
  // After the answer: the sign-in does not wait for the mail server.
  after(() => deliver(user.email, templates.newSignIn({ username: user.username, device, ip, when })));
}
