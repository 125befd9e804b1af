"use server";

import { redirect } from "next/navigation";
import * as z from "zod/mini";
import {
  changeEmailSchema,
  changePasswordSchema,
  connectProviderSchema,
  deleteAccountSchema,
  providerSchema,
  setPasswordSchema,
  addPasskeySchema,
  regenerateCodesSchema,
  turnOffTwoFactorSchema,
} from "@/lib/validation/account";
import { passkeyNameSchema, twoFactorCodeSchema, webAuthnResponseSchema } from "@/lib/validation/auth";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { confirmRecentOrPassword } from "@/lib/account/current-password";
import { fieldErrorsOf } from "@/lib/forms/form-state";
import { changePassword, setFirstPassword } from "@/lib/account/change-password";
import { disconnect, mayConnect } from "@/lib/account/connected-accounts";
import { requestEmailChange } from "@/lib/account/change-email";
import { deleteAccount } from "@/lib/account/delete-account";
import { endOtherSession, endOtherSessions } from "@/lib/account/sessions";
import { resendVerification } from "@/lib/account/verify-email";
import { addPasskey, confirmWithPasskey, removePasskey } from "@/lib/account/passkeys";
import { authenticationOptions, registrationOptions } from "@/lib/auth/passkeys";
import { PASSKEY_NOT_CONFIRMED } from "@/lib/auth/passkey-messages";
import { challengeWait } from "@/lib/security/challenge-limit";
import { requestIp } from "@/lib/http/request-ip";
import {
  confirmTwoFactorSetup,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
  turnOffTwoFactor,
} from "@/lib/account/two-factor";
import { requireSession, TWO_FACTOR_SETTINGS_PATH } from "@/lib/auth/session";
import { signIn, signOut } from "@/lib/auth";
import { saveIntent } from "@/lib/auth/provider-intent";
import { CONNECTED_ACCOUNTS_PATH } from "@/lib/auth/provider-sign-in";
import { configuredProviders } from "@/lib/auth/providers";
import { env } from "@/lib/env";
import { setFlash } from "@/lib/flash";
import type { FormState } from "@/lib/forms/form-state";
import { validatedActionWithSession } from "@/lib/forms/validated-action";

const PASSWORD_FIELDS = ["currentPassword", "password", "confirmPassword"] as const;
const EMAIL_FIELDS = ["email", "currentPassword"] as const;
const DELETE_FIELDS = ["confirmUsername", "currentPassword"] as const;

export type ChangePasswordState = FormState<(typeof PASSWORD_FIELDS)[number]>;
export type ChangeEmailState = FormState<(typeof EMAIL_FIELDS)[number]>;
export type DeleteAccountState = FormState<(typeof DELETE_FIELDS)[number]>;
export type ResendState = FormState<never>;
export type SetPasswordState = FormState<"password" | "confirmPassword">;
export type ConnectState = FormState<"provider" | "currentPassword">;
/** A form that may answer with recovery codes, shown this once. */
export type PasskeyState = FormState<"name" | "currentPassword">;
export type RecoveryCodesState<Field extends string> = FormState<Field> & { recoveryCodes?: string[] };

const SETTINGS_PATH = "/dashboard/settings";
const PASSKEYS_PATH = `${SETTINGS_PATH}/passkeys`;
const PASSKEY_NOT_ADDED = "Adding the passkey did not complete. Please try again.";

export const resendVerificationAction = validatedActionWithSession(
  { schema: z.object({}), fields: [] },
  async (_data, { session: { user } }): Promise<ResendState> => {
    if (user.emailVerified) redirect("/dashboard");
    const sent = await resendVerification(user);
    if (!sent.ok) return { formError: sent.formError };
    await setFlash("verification-sent");
    redirect("/dashboard");
  },
);

export const changePasswordAction = validatedActionWithSession(
  { schema: () => changePasswordSchema(env.PASSWORD_MIN_LENGTH), fields: PASSWORD_FIELDS },
  async (data, { session, ip }): Promise<ChangePasswordState> => {
    const result = await changePassword(session.user.id, session.sessionId, data, ip);
    if (!result.ok) return result.state;
    await setFlash("password-changed");
    redirect(`${SETTINGS_PATH}/password`);
  },
);

export const changeEmailAction = validatedActionWithSession(
  { schema: changeEmailSchema, fields: EMAIL_FIELDS, keep: ["email"] },
  async (data, { session, ip }): Promise<ChangeEmailState> => {
    const result = await requestEmailChange(session, data, ip);
    if (!result.ok) return result.state;
    await setFlash("email-change-sent");
    redirect(`${SETTINGS_PATH}/email`);
  },
);

export const revokeSessionAction = validatedActionWithSession(
  { schema: z.object({ sessionId: z.string() }), fields: ["sessionId"] },
  async ({ sessionId: target }, { session }) => {
    if (await endOtherSession(session.user.id, session.sessionId, target)) await setFlash("session-revoked");
    redirect(`${SETTINGS_PATH}/sessions`);
  },
);

export const revokeOtherSessionsAction = validatedActionWithSession({ schema: z.object({}), fields: [] }, async (_data, { session }) => {
  await endOtherSessions(session.user.id, session.sessionId);
  await setFlash("other-sessions-revoked");
  redirect(`${SETTINGS_PATH}/sessions`);
});

export const deleteAccountAction = validatedActionWithSession(
  { schema: deleteAccountSchema, fields: DELETE_FIELDS },
  async (data, { session, ip }): Promise<DeleteAccountState> => {
    const result = await deleteAccount(session, data, ip);
    if (!result.ok) return result.state;
    await signOut({ redirect: false });
    await setFlash("account-deleted");
    redirect("/");
  },
);

export const setPasswordAction = validatedActionWithSession(
  { schema: () => setPasswordSchema(env.PASSWORD_MIN_LENGTH), fields: ["password", "confirmPassword"] },
  async ({ password }, { session }): Promise<SetPasswordState> => {
    const result = await setFirstPassword(session, password);
    if (!result.ok) return result.state;
    await setFlash("password-set");
    redirect(`${SETTINGS_PATH}/password`);
  },
);

/**
 * "Connect <provider>": after a recent sign-in or the current password, the provider's sign-in
 * starts with an intent that names this session; the callback links the account only then.
 */
export const connectProviderAction = validatedActionWithSession(
  { schema: connectProviderSchema, fields: ["provider", "currentPassword"] },
  async ({ provider: id, currentPassword }, { session, ip }): Promise<ConnectState> => {
    const provider = configuredProviders().find((p) => p.id === id);
    if (!provider) redirect(CONNECTED_ACCOUNTS_PATH);
    const allowed = await mayConnect(session, provider, currentPassword, ip);
    if (!allowed.ok) return allowed.state;
    await saveIntent({ provider: provider.id, remember: false, link: { userId: session.user.id, sessionId: session.sessionId } });
    await signIn(provider.id, { redirectTo: `${CONNECTED_ACCOUNTS_PATH}?connected=${provider.id}` });
    return {};
  },
);

export const disconnectProviderAction = validatedActionWithSession(
  { schema: providerSchema, fields: ["provider"] },
  async ({ provider }, { session, ip }) => {
    const outcome = await disconnect(session.user.id, provider, ip);
    redirect(
      outcome === "last-method"
        ? `${CONNECTED_ACCOUNTS_PATH}?error=last-method&provider=${encodeURIComponent(provider)}`
        : `${CONNECTED_ACCOUNTS_PATH}?disconnected=${encodeURIComponent(provider)}`,
    );
  },
);

export const startTwoFactorSetupAction = validatedActionWithSession(
  { schema: z.object({}), fields: [], allowWithoutTwoFactor: true },
  async (_data, { session }) => {
    await startTwoFactorSetup(session.user);
    redirect(TWO_FACTOR_SETTINGS_PATH);
  },
);

/** The first code from the app turns two-factor on; the answer carries the recovery codes. */
export const confirmTwoFactorSetupAction = validatedActionWithSession(
  { schema: twoFactorCodeSchema, fields: ["code"], allowWithoutTwoFactor: true },
  async ({ code }, { session }): Promise<RecoveryCodesState<"code">> => {
    const result = await confirmTwoFactorSetup(session.user, code);
    return result.ok ? { recoveryCodes: result.recoveryCodes } : result.state;
  },
);

export const regenerateRecoveryCodesAction = validatedActionWithSession(
  { schema: regenerateCodesSchema, fields: ["currentPassword"] },
  async ({ currentPassword }, { session, ip }): Promise<RecoveryCodesState<"currentPassword">> => {
    const result = await regenerateRecoveryCodes(session, currentPassword || undefined, ip);
    return result.ok ? { recoveryCodes: result.recoveryCodes } : result.state;
  },
);

export const turnOffTwoFactorAction = validatedActionWithSession(
  { schema: turnOffTwoFactorSchema, fields: ["currentPassword", "code"] },
  async (data, { session, ip }): Promise<FormState<"currentPassword" | "code">> => {
    const result = await turnOffTwoFactor(session, { currentPassword: data.currentPassword || undefined, code: data.code || undefined }, ip);
    if (!result.ok) return result.state;
    await setFlash("two-factor-off");
    redirect(TWO_FACTOR_SETTINGS_PATH);
  },
);

/**
 * Options for "Add a passkey", once the person shows it is them: signed in within minutes, or
 * their current password (counted like every password guess). A stolen session alone cannot
 * plant a passkey that outlives it.
 */
export async function passkeyRegistrationOptionsAction(
  input: unknown,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON } | { state: PasskeyState }> {
  const session = await requireSession();
  const parsed = z.safeParse(addPasskeySchema, input);
  if (!parsed.success) return { state: { fieldErrors: fieldErrorsOf(parsed.error) } };
  const allowed = await confirmRecentOrPassword(session, parsed.data.currentPassword, await requestIp(), "add a passkey");
  if (!allowed.ok) return { state: allowed.state };
  return { options: await registrationOptions(session.user) };
}

/** Stores the passkey the browser just made, under the name the person gave it. */
export async function addPasskeyAction(name: unknown, response: unknown): Promise<PasskeyState> {
  const { user } = await requireSession();
  const named = z.safeParse(passkeyNameSchema, name);
  if (!named.success) return { fieldErrors: { name: named.error.issues[0]!.message } };
  const parsed = z.safeParse(webAuthnResponseSchema, response);
  if (!parsed.success || !(await addPasskey(user, named.data, parsed.data as never, await requestIp()))) {
    return { formError: PASSKEY_NOT_ADDED };
  }
  await setFlash("passkey-added");
  redirect(PASSKEYS_PATH);
}

export const removePasskeyAction = validatedActionWithSession(
  { schema: z.object({ id: z.string().check(z.maxLength(1024)) }), fields: ["id"] },
  async ({ id }, { session, ip }) => {
    const outcome = await removePasskey(session.user, id, ip);
    if (outcome === "last-method") redirect(`${PASSKEYS_PATH}?error=last-method`);
    if (outcome === "removed") await setFlash("passkey-removed");
    redirect(PASSKEYS_PATH);
  },
);

/** Options for "Confirm with a passkey": only this person's own passkeys, a few a minute per network. */
export async function passkeyConfirmOptionsAction() {
  const { user } = await requireSession({ allowWithoutTwoFactor: true });
  if ((await challengeWait(await requestIp())) > 0) return null;
  return authenticationOptions(user.id);
}

/**
 * Confirms it is really this person with one of their passkeys: for ten minutes the session
 * counts as freshly signed in (sensitive settings need no password) and turning two-factor
 * off needs no code.
 */
export async function confirmWithPasskeyAction(response: unknown): Promise<{ error?: string }> {
  const session = await requireSession({ allowWithoutTwoFactor: true });
  const parsed = z.safeParse(webAuthnResponseSchema, response);
  if (!parsed.success || !(await confirmWithPasskey(session, parsed.data as never, await requestIp()))) {
    return { error: PASSKEY_NOT_CONFIRMED };
  }
  return {};
}
