"use server";

import { randomInt } from "node:crypto";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signIn, signOut } from "@/lib/auth";
import { endSession, getCurrentSession } from "@/lib/auth/session";
import { makeSessionCookieBrowserScoped } from "@/lib/auth/session-cookie";
import { RESET_LINK_SENT, resetPassword, sendVerificationEmail, startPasswordReset } from "@/lib/auth/account";
import { registerUser } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { setFlash } from "@/lib/flash";
import { CHALLENGE_FIELD, echoValues, fieldErrorsOf, type FormState, readFields } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import { clientIp } from "@/lib/http/client-ip";
import { CHALLENGE_FAILED, verifyChallenge } from "@/lib/security/proof-of-work";
import { tooManyAttempts, tooManySignUps } from "@/lib/security/retry-message";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { countSignUp, signUpWait } from "@/lib/security/sign-up-limit";
import { mailWait } from "@/lib/security/mail-limit";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/account";
import { INVALID_CREDENTIALS, signInSchema, signUpSchema } from "@/lib/validation/auth";

const SIGN_UP_FIELDS = ["username", "email", "password", "confirmPassword"] as const;
const SIGN_IN_FIELDS = ["identifier", "password", "remember"] as const;
const FORGOT_FIELDS = ["email"] as const;
const RESET_FIELDS = ["token", "password", "confirmPassword"] as const;

export type SignUpState = FormState<(typeof SIGN_UP_FIELDS)[number]>;
export type SignInState = FormState<(typeof SIGN_IN_FIELDS)[number]>;
export type ForgotPasswordState = FormState<(typeof FORGOT_FIELDS)[number]>;
export type ResetPasswordState = FormState<(typeof RESET_FIELDS)[number]>;

const LINK_EXPIRED = "This link has expired. Request a new one below.";
const LINK_INVALID = "This link is invalid or has already been used. Request a new one below.";

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
  if (wait > 0) {
    securityEvent("signup.throttled", { ip });
    return { formError: tooManySignUps(wait), values };
  }
  if (!(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signup"))) {
    securityEvent("challenge.refused", { ip, purpose: "signup" });
    return { formError: CHALLENGE_FAILED, values, challenge: true };
  }

  const result = await registerUser(parsed.data);
  if (!result.ok) return { fieldErrors: result.fieldErrors, values, challenge: true };
  await countSignUp(ip);
  const { userId } = result;
  securityEvent("signup.success", { userId, ip });
  after(() => sendVerificationEmail({ id: userId, username: parsed.data.username, email: parsed.data.email }));

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
  const attempt = await signInThrottle().begin(identifier, ip);
  const { gate } = attempt;
  if (gate.blocked) {
    securityEvent("signin.throttled", { ip, retryAfterMs: gate.retryAfterMs });
    return { formError: tooManyAttempts(gate.retryAfterMs), values };
  }
  if (gate.challenge && !(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signin"))) {
    securityEvent("challenge.refused", { ip, purpose: "signin" });
    return { formError: CHALLENGE_FAILED, values, challenge: true };
  }

  const previous = await getCurrentSession();
  if (!(await startSession(identifier, password, remember))) {
    const next = await attempt.fail();
    if (next.blocked) return { formError: tooManyAttempts(next.retryAfterMs), values };
    return { formError: INVALID_CREDENTIALS, values, challenge: next.challenge };
  }
  // A sign-in over an existing session replaces it rather than leaving it alive.
  if (previous) await endSession(previous.sessionId);
  await attempt.succeed();
  await setFlash("signed-in");
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}

export async function forgotPasswordAction(_prev: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const fields = readFields(formData, FORGOT_FIELDS);
  const values = echoValues(fields, FORGOT_FIELDS);
  const parsed = forgotPasswordSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const ip = await requestIp();
  const wait = await mailWait(`ip:${ip}`);
  if (wait > 0) return { formError: tooManyAttempts(wait), values };
  const { email } = parsed.data;
  securityEvent("password.reset_requested", { ip });
  // Looked up and mailed after the answer is sent, at a random moment in the next second or
  // so: neither this answer nor the ones right after it reveal whether the address has an
  // account. Each address gets a few mails an hour at most.
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, randomInt(200, 1500)));
    if ((await mailWait(`email:${email}`)) === 0) await startPasswordReset(email);
  });
  return { notice: RESET_LINK_SENT, values };
}

export async function resetPasswordAction(_prev: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
  const fields = readFields(formData, RESET_FIELDS);
  const parsed = resetPasswordSchema(env.PASSWORD_MIN_LENGTH).safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };

  const result = await resetPassword(parsed.data.token, parsed.data.password);
  if (!result.ok && "link" in result) {
    return { formError: result.link === "expired" ? LINK_EXPIRED : LINK_INVALID };
  }
  if (!result.ok) return { fieldErrors: { password: result.password } };
  await setFlash("password-reset");
  redirect("/login");
}

export async function signOutAction() {
  await signOut({ redirect: false });
  await setFlash("signed-out");
  redirect("/login");
}
