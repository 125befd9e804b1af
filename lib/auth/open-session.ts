import "server-only";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { noticeDevice } from "@/lib/account/new-device";
import { createSession, deleteSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { requestMeta } from "@/lib/http/request-meta";
import { signIn } from ".";
import { BROWSER_SESSION_SECONDS, REMEMBERED_SESSION_SECONDS } from "./config";
import { issueGrant } from "./grants";
import { makeSessionCookieBrowserScoped } from "./session-cookie";
import type { SignedInUser } from "./sign-in";

/**
 * Signs `user` in on this browser: a new session row, and Auth.js's cookie pointing at it.
 * Auth.js is handed a single-use grant instead of the password, which was checked already.
 * A session this browser had before (`replacing`) ends, so a sign-in never leaves it alive.
 * A browser the account has not used before is told to the person by mail (new-device.ts).
 */
export async function openSession(
  user: SignedInUser,
  {
    remember,
    replacing,
    method = "password",
    newAccount = false,
  }: { remember: boolean; replacing?: string | null; method?: string; newAccount?: boolean },
) {
  const lifetime = remember ? REMEMBERED_SESSION_SECONDS : BROWSER_SESSION_SECONDS;
  const session = await createSession({
    userId: user.id,
    remember,
    method,
    expires: new Date(Date.now() + lifetime * 1000),
    ...requestMeta(await headers(), env.TRUST_PROXY),
  });
  const grant = issueGrant({ ...user, sessionId: session.id, remember });
  try {
    await signIn("credentials", { grant, redirect: false });
  } catch (error) {
    await deleteSession(session.id);
    // Auth.js's own errors cannot happen with a fresh grant; anything at all here is a fault.
    throw error instanceof AuthError ? new Error(`Auth.js refused a fresh sign-in grant: ${error.type}`) : error;
  }
  if (!remember) await makeSessionCookieBrowserScoped();
  if (replacing && replacing !== session.id) await deleteSession(replacing);
  await noticeDevice(user, { newAccount });
}
