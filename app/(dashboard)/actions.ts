"use server";

import { redirect } from "next/navigation";
import * as z from "zod/mini";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from "@/lib/validation/account";
import { changePassword } from "@/lib/account/change-password";
import { requestEmailChange } from "@/lib/account/change-email";
import { deleteAccount } from "@/lib/account/delete-account";
import { endOtherSession, endOtherSessions } from "@/lib/account/sessions";
import { resendVerification } from "@/lib/account/verify-email";
import { signOut } from "@/lib/auth";
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
