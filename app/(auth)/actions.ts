"use server";

import { randomInt } from "node:crypto";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { RESET_LINK_SENT, resetPassword, startPasswordReset } from "@/lib/account/reset-password";
import { sendVerificationEmail } from "@/lib/account/verify-email";
import { signIn, signOut } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { openSession } from "@/lib/auth/open-session";
import {
  currentPendingSignIn,
  finishPendingSignIn,
  forgetPendingSignIn,
  hasTwoFactor,
  startPendingSignIn,
  TWO_FACTOR_PATH,
  verifySecondFactor,
} from "@/lib/auth/pending-sign-in";
import { notifyRecoveryCodeUsed } from "@/lib/account/two-factor";
import { saveIntent } from "@/lib/auth/provider-intent";
import { configuredProviders } from "@/lib/auth/providers";
import { getCurrentSession } from "@/lib/auth/session";
import { ACCOUNT_LOCKED, checkPassword } from "@/lib/auth/sign-in";
import { registerUser } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { setFlash } from "@/lib/flash";
import { CHALLENGE_FIELD, type FormState } from "@/lib/forms/form-state";
import { validatedAction } from "@/lib/forms/validated-action";
import { networkOf } from "@/lib/http/client-ip";
import { securityEvent } from "@/lib/log";
import { mailWait } from "@/lib/security/mail-limit";
import { CHALLENGE_FAILED, verifyChallenge } from "@/lib/security/proof-of-work";
import { tooManyAttempts, tooManySignUps } from "@/lib/security/retry-message";
import { reserveSignUp } from "@/lib/security/sign-up-limit";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/account";
import {
  INVALID_CODE,
  INVALID_CREDENTIALS,
  passkeyOptionsSchema,
  providerSignInSchema,
  signInSchema,
  signUpSchema,
  twoFactorCodeSchema,
  webAuthnResponseSchema,
} from "@/lib/validation/auth";
import * as z from "zod/mini";
import { authenticationOptions, verifyPasskey } from "@/lib/auth/passkeys";
import { PASSKEY_INCOMPLETE } from "@/lib/auth/passkey-messages";
import { requestIp } from "@/lib/http/request-ip";
import { challengeWait } from "@/lib/security/challenge-limit";

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

export const signUpAction = validatedAction(
  { schema: () => signUpSchema(env.PASSWORD_MIN_LENGTH), fields: SIGN_UP_FIELDS, keep: ["username", "email"] },
  async (data, { formData, ip }): Promise<SignUpState> => {
    // The network's sign-up is taken before the account is made, and given back if none is.
    const slot = await reserveSignUp(ip);
    if (!slot.ok) {
      securityEvent("signup.throttled", { ip });
      return { formError: tooManySignUps(slot.retryAfterMs) };
    }
    let result: Awaited<ReturnType<typeof registerUser>> | null = null;
    try {
      if (!(await verifyChallenge(formData.get(CHALLENGE_FIELD), "signup"))) {
        securityEvent("challenge.refused", { ip, purpose: "signup" });
        return { formError: CHALLENGE_FAILED };
      }
      result = await registerUser(data);
      if (!result.ok) return { fieldErrors: result.fieldErrors };
    } finally {
      if (!result?.ok) await slot.release();
    }

    const { user } = result;
    securityEvent("signup.success", { userId: user.id, ip });
    after(() => sendVerificationEmail(user));
    const previous = await getCurrentSession();
    await openSession(user, { remember: false, replacing: previous?.sessionId, newAccount: true });
    await setFlash("signed-up");
    redirect("/dashboard");
  },
);

export const signInAction = validatedAction(
  { schema: signInSchema, fields: SIGN_IN_FIELDS, keep: ["identifier", "remember"] },
  async (data, { formData, ip }): Promise<SignInState> => {
    const outcome = await checkPassword(data, ip, formData.get(CHALLENGE_FIELD));
    if (!outcome.ok) {
      if (outcome.reason === "throttled") return { formError: tooManyAttempts(outcome.retryAfterMs) };
      if (outcome.reason === "challenge") return { formError: CHALLENGE_FAILED, challenge: true };
      if (outcome.reason === "locked") return { formError: ACCOUNT_LOCKED };
      return { formError: INVALID_CREDENTIALS, challenge: outcome.challenge };
    }
    const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
    // With two-factor on, the password only opens the second step; no session yet.
    if (await hasTwoFactor(outcome.user.id)) {
      await startPendingSignIn(outcome.user.id, { remember: data.remember, callbackUrl });
      redirect(TWO_FACTOR_PATH);
    }
    // A sign-in over an existing session replaces it rather than leaving it alive.
    const previous = await getCurrentSession();
    await openSession(outcome.user, { remember: data.remember, replacing: previous?.sessionId });
    await setFlash("signed-in");
    redirect(callbackUrl);
  },
);


export const forgotPasswordAction = validatedAction(
  { schema: forgotPasswordSchema, fields: FORGOT_FIELDS, keep: FORGOT_FIELDS },
  async ({ email }, { ip }): Promise<ForgotPasswordState> => {
    const wait = await mailWait(`ip:${networkOf(ip)}`);
    if (wait > 0) return { formError: tooManyAttempts(wait) };
    securityEvent("password.reset_requested", { ip });
    // Looked up and mailed after the answer is sent, at a random moment in the next second or
    // so: neither this answer nor the ones right after it reveal whether the address has an
    // account.
    after(async () => {
      await new Promise((resolve) => setTimeout(resolve, randomInt(200, 1500)));
      await startPasswordReset(email, ip);
    });
    return { notice: RESET_LINK_SENT };
  },
);

export const resetPasswordAction = validatedAction(
  { schema: () => resetPasswordSchema(env.PASSWORD_MIN_LENGTH), fields: RESET_FIELDS },
  async ({ token, password }): Promise<ResetPasswordState> => {
    const result = await resetPassword(token, password);
    if (!result.ok && "link" in result) return { formError: result.link === "expired" ? LINK_EXPIRED : LINK_INVALID };
    if (!result.ok) return { fieldErrors: { password: result.password } };
    await setFlash("password-reset");
    redirect("/login");
  },
);

/**
 * "Continue with <provider>": remembers what the sign-in is for (and "Remember me"), then
 * Auth.js sends the browser to the provider. lib/auth/provider-sign-in.ts decides who comes in
 * when it returns.
 */
export const providerSignInAction = validatedAction(
  { schema: providerSignInSchema, fields: ["provider", "remember"] },
  async ({ provider, remember }, { formData }) => {
    if (!configuredProviders().some((p) => p.id === provider)) redirect("/login");
    await saveIntent({ provider, remember });
    await signIn(provider, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
    return {};
  },
);

/**
 * /login/two-factor: the code from the authenticator app, or a recovery code, for the sign-in
 * this browser started. Right: the session opens ("Remember me" carried over). Wrong: "Invalid
 * code", and the fifth ends the pending sign-in.
 */
export const verifyTwoFactorAction = validatedAction(
  { schema: twoFactorCodeSchema, fields: ["code"] },
  async ({ code }, { ip }): Promise<FormState<"code">> => {
    const pending = await currentPendingSignIn();
    if (!pending) {
      await setFlash("two-factor-expired");
      redirect("/login");
    }
    const result = await verifySecondFactor(pending, code, ip);
    if (result.status === "throttled") return { formError: tooManyAttempts(result.retryAfterMs) };
    if (result.status === "invalid") return { fieldErrors: { code: INVALID_CODE } };
    await forgetPendingSignIn();
    if (result.status === "ended") {
      await setFlash("two-factor-ended");
      redirect("/login");
    }
    const user = { id: pending.userId, username: pending.user.username, email: pending.user.email };
    if (result.usedRecoveryCode) after(() => notifyRecoveryCodeUsed(user, result.recoveryCodesLeft));
    const previous = await getCurrentSession();
    await openSession(user, { remember: pending.remember, replacing: previous?.sessionId });
    await setFlash("signed-in");
    redirect(safeCallbackUrl(pending.callbackUrl));
  },
);

export type PasskeyAnswer = { error?: string };


/** Options for "Sign in with a passkey" (and the passkey autofill), a few a minute per network. */
export async function passkeySignInOptionsAction(forSecondStep: unknown = false) {
  const ip = await requestIp();
  if ((await challengeWait(ip)) > 0) return null;
  if (forSecondStep === true) {
    const pending = await currentPendingSignIn();
    return pending ? authenticationOptions(pending.userId) : null;
  }
  return authenticationOptions();
}

/**
 * Signs in with a passkey: both factors at once (the device, and its user verification), so no
 * code is asked; the same session as any other sign-in.
 */
export async function signInWithPasskeyAction(response: unknown, options: unknown): Promise<PasskeyAnswer> {
  const parsed = z.safeParse(webAuthnResponseSchema, response);
  const { remember, callbackUrl } = z.safeParse(passkeyOptionsSchema, options).data ?? { remember: false, callbackUrl: undefined };
  const ip = await requestIp();
  const user = parsed.success ? await verifyPasskey(parsed.data as never) : null;
  if (!user) {
    securityEvent("passkey.refused", { ip });
    return { error: PASSKEY_INCOMPLETE };
  }
  if (user.locked) {
    securityEvent("signin.refused", { userId: user.id, ip, method: "passkey", reason: "locked" });
    return { error: ACCOUNT_LOCKED };
  }
  securityEvent("signin.success", { userId: user.id, ip, method: "passkey" });
  const previous = await getCurrentSession();
  await openSession(user, { remember, replacing: previous?.sessionId, method: "passkey" });
  await setFlash("signed-in");
  redirect(safeCallbackUrl(callbackUrl));
}

/** The second step with a passkey instead of a code, for accounts that have both. */
export async function verifyTwoFactorPasskeyAction(response: unknown): Promise<PasskeyAnswer> {
  const pending = await currentPendingSignIn();
  if (!pending) redirect("/login");
  const parsed = z.safeParse(webAuthnResponseSchema, response);
  const ip = await requestIp();
  const user = parsed.success ? await verifyPasskey(parsed.data as never, pending.userId) : null;
  if (!user || !(await finishPendingSignIn(pending))) {
    securityEvent("passkey.refused", { userId: pending.userId, ip });
    return { error: PASSKEY_INCOMPLETE };
  }
  await forgetPendingSignIn();
  if (user.locked) {
    securityEvent("signin.refused", { userId: user.id, ip, method: "passkey", reason: "locked" });
    return { error: ACCOUNT_LOCKED };
  }
  securityEvent("signin.success", { userId: user.id, ip, method: "passkey" });
  const previous = await getCurrentSession();
  await openSession(user, { remember: pending.remember, replacing: previous?.sessionId, method: "passkey" });
  await setFlash("signed-in");
  redirect(safeCallbackUrl(pending.callbackUrl));
}

export async function signOutAction() {
  await signOut({ redirect: false });
  await setFlash("signed-out");
  redirect("/login");
}
