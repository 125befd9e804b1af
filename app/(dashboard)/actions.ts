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
  regenerateCodesSchema,
  turnOffTwoFactorSchema,
} from "@/lib/validation/account";
import { twoFactorCodeSchema } from "@/lib/validation/auth";
import { changePassword, setFirstPassword } from "@/lib/account/change-password";
import { disconnect, mayConnect } from "@/lib/account/connected-accounts";
import { requestEmailChange } from "@/lib/account/change-email";
import { deleteAccount } from "@/lib/account/delete-account";
import { endOtherSession, endOtherSessions } from "@/lib/account/sessions";
import { resendVerification } from "@/lib/account/verify-email";
import {
  confirmTwoFactorSetup,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
  turnOffTwoFactor,
} from "@/lib/account/two-factor";
import { TWO_FACTOR_SETTINGS_PATH } from "@/lib/auth/session";
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
export type RecoveryCodesState<Field extends string> = FormState<Field> & { recoveryCodes?: string[] };

const SETTINGS_PATH = "/dashboard/settings";

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
    const result = await requestEmailChange(session.user.id, data, ip);
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
    const result = await deleteAccount(session.user, data, ip);
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
    const result = await turnOffTwoFactor(session, { currentPassword: data.currentPassword || undefined, code: data.code }, ip);
    if (!result.ok) return result.state;
    await setFlash("two-factor-off");
    redirect(TWO_FACTOR_SETTINGS_PATH);
  },
);
