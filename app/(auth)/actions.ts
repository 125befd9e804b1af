"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signIn, signOut } from "@/lib/auth";
import { makeSessionCookieBrowserScoped } from "@/lib/auth/session-cookie";
import { registerUser } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { setFlash } from "@/lib/flash";
import { echoValues, fieldErrorsOf, type FormState, readFields } from "@/lib/forms/form-state";
import { clientIp } from "@/lib/http/client-ip";
import { CHALLENGE_FAILED, CHALLENGE_FIELD, verifyChallenge } from "@/lib/security/proof-of-work";
import { tooManyAttempts, tooManySignUps } from "@/lib/security/retry-message";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { countSignUp, signUpWait } from "@/lib/security/sign-up-limit";
import { INVALID_CREDENTIALS, signInSchema, signUpSchema } from "@/lib/validation/auth";

const SIGN_UP_FIELDS = ["username", "email", "password", "confirmPassword"] as const;
const SIGN_IN_FIELDS = ["identifier", "password", "remember"] as const;

export type SignUpState = FormState<(typeof SIGN_UP_FIELDS)[number]>;
export type SignInState = FormState<(typeof SIGN_IN_FIELDS)[number]>;

const requestIp = async () => clientIp(await headers(), env.TRUST_PROXY);

/** Opens a session through Auth.js; false when the credentials are refused. */
async function startSession(identifier: string, password: string, remember: boolean) {
  try {
    await signIn("credentials", { identifier, password, remember: String(remember), redirect: false });
  } catch (error) {
    // Only Auth.js's own errors mean "refused"; anything else is a fault and must surface.
    if (error instanceof AuthError) return false;
    throw error;
  }
  if (!remember) await makeSessionCookieBrowserScoped();
  return true;
}

export async function signUpAction(_prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const fields = readFields(formData, SIGN_UP_FIELDS);
  const values = echoValues(fields, ["username", "email"] as const);
  const parsed = signUpSchema(env.PASSWORD_MIN_LENGTH).safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values, challenge: true };

  const ip = await requestIp();
  const wait = await signUpWait(ip);
  if (wait > 0) return { formError: tooManySignUps(wait), values };
  if (!(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signup"))) {
    return { formError: CHALLENGE_FAILED, values, challenge: true };
  }

  const result = await registerUser(parsed.data);
  if (!result.ok) return { fieldErrors: result.fieldErrors, values, challenge: true };
  await countSignUp(ip);

  if (!(await startSession(parsed.data.email, parsed.data.password, false))) {
    return { formError: "Your account was created, but signing in failed. Please sign in.", values };
  }
  await setFlash("signed-up");
  redirect("/dashboard");
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const fields = readFields(formData, SIGN_IN_FIELDS);
  const values = echoValues(fields, ["identifier", "remember"] as const);
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const { identifier, password, remember } = parsed.data;
  const ip = await requestIp();
  const throttle = signInThrottle();
  const gate = await throttle.check(identifier, ip);
  if (gate.blocked) return { formError: tooManyAttempts(gate.retryAfterMs), values };
  if (gate.challenge && !(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signin"))) {
    return { formError: CHALLENGE_FAILED, values, challenge: true };
  }

  if (!(await startSession(identifier, password, remember))) {
    const next = await throttle.fail(identifier, ip);
    if (next.blocked) return { formError: tooManyAttempts(next.retryAfterMs), values };
    return { formError: INVALID_CREDENTIALS, values, challenge: next.challenge };
  }
  await throttle.succeed(identifier, ip);
  await setFlash("signed-in");
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}

export async function signOutAction() {
  await signOut({ redirect: false });
  await setFlash("signed-out");
  redirect("/login");
}
