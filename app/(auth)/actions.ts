"use server";

import { randomInt } from "node:crypto";
import { headers } from "next/headers";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signOut } from "@/lib/auth";
import { getCurrentSession } from "@/lib/auth/session";
import { openSession } from "@/lib/auth/open-session";
import { checkPassword } from "@/lib/auth/sign-in";
import { RESET_LINK_SENT, resetPassword, sendVerificationEmail, startPasswordReset } from "@/lib/auth/account";
import { registerUser } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { setFlash } from "@/lib/flash";
import { CHALLENGE_FIELD, echoValues, fieldErrorsOf, type FormState, readFields } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import { clientIp, networkOf } from "@/lib/http/client-ip";
import { CHALLENGE_FAILED, verifyChallenge } from "@/lib/security/proof-of-work";
import { tooManyAttempts, tooManySignUps } from "@/lib/security/retry-message";
import { reserveSignUp } from "@/lib/security/sign-up-limit";
import { mailWait, resetMailAllowed } from "@/lib/security/mail-limit";
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

export async function signUpAction(_prev: SignUpState, formData: FormData): Promise<SignUpState> {
  const fields = readFields(formData, SIGN_UP_FIELDS);
  const values = echoValues(fields, ["username", "email"] as const);
  const parsed = signUpSchema(env.PASSWORD_MIN_LENGTH).safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values, challenge: true };

  const ip = await requestIp();
  // The network's sign-up is taken before the account is made, and given back if none is.
  const slot = await reserveSignUp(ip);
  if (!slot.ok) {
    securityEvent("signup.throttled", { ip });
    return { formError: tooManySignUps(slot.retryAfterMs), values };
  }
  let result: Awaited<ReturnType<typeof registerUser>> | null = null;
  try {
    if (!(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signup"))) {
      securityEvent("challenge.refused", { ip, purpose: "signup" });
      return { formError: CHALLENGE_FAILED, values, challenge: true };
    }
    result = await registerUser(parsed.data);
    if (!result.ok) return { fieldErrors: result.fieldErrors, values, challenge: true };
  } finally {
    if (!result?.ok) await slot.release();
  }

  const { user } = result;
  securityEvent("signup.success", { userId: user.id, ip });
  after(() => sendVerificationEmail(user));
  const previous = await getCurrentSession();
  await openSession(user, { remember: false, replacing: previous?.sessionId });
  await setFlash("signed-up");
  redirect("/dashboard");
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const fields = readFields(formData, SIGN_IN_FIELDS);
  const values = echoValues(fields, ["identifier", "remember"] as const);
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const outcome = await checkPassword(parsed.data, await requestIp(), formData.get(CHALLENGE_FIELD));
  if (!outcome.ok) {
    if (outcome.reason === "throttled") return { formError: tooManyAttempts(outcome.retryAfterMs), values };
    if (outcome.reason === "challenge") return { formError: CHALLENGE_FAILED, values, challenge: true };
    return { formError: INVALID_CREDENTIALS, values, challenge: outcome.challenge };
  }
  // A sign-in over an existing session replaces it rather than leaving it alive.
  const previous = await getCurrentSession();
  await openSession(outcome.user, { remember: parsed.data.remember, replacing: previous?.sessionId });
  await setFlash("signed-in");
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}

export async function forgotPasswordAction(_prev: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const fields = readFields(formData, FORGOT_FIELDS);
  const values = echoValues(fields, FORGOT_FIELDS);
  const parsed = forgotPasswordSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const ip = await requestIp();
  const wait = await mailWait(`ip:${networkOf(ip)}`);
  if (wait > 0) return { formError: tooManyAttempts(wait), values };
  const { email } = parsed.data;
  securityEvent("password.reset_requested", { ip });
  // Looked up and mailed after the answer is sent, at a random moment in the next second or
  // so: neither this answer nor the ones right after it reveal whether the address has an
  // account. Mails to one address are limited so that strangers can neither flood it nor
  // stop its owner's mail (lib/security/mail-limit.ts).
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, randomInt(200, 1500)));
    if (await resetMailAllowed(email, ip)) await startPasswordReset(email);
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
