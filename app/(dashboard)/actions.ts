"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth";
import {
  changePassword,
  confirmCurrentPassword,
  deleteAccount,
  requestEmailChange,
  sendVerificationEmail,
} from "@/lib/auth/account";
import { requireSession } from "@/lib/auth/session";
import { deleteOtherSessions, deleteUserSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/log";
import { setFlash } from "@/lib/flash";
import { echoValues, fieldErrorsOf, type FormState, readFields } from "@/lib/forms/form-state";
import { clientIp } from "@/lib/http/client-ip";
import { mailWait } from "@/lib/security/mail-limit";
import { tooManyAttempts, waitText } from "@/lib/security/retry-message";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from "@/lib/validation/account";
import { usernameKey } from "@/lib/validation/auth";

const PASSWORD_FIELDS = ["currentPassword", "password", "confirmPassword"] as const;
const EMAIL_FIELDS = ["email", "currentPassword"] as const;
const DELETE_FIELDS = ["confirmUsername", "currentPassword"] as const;

export type ChangePasswordState = FormState<(typeof PASSWORD_FIELDS)[number]>;
export type ChangeEmailState = FormState<(typeof EMAIL_FIELDS)[number]>;
export type DeleteAccountState = FormState<(typeof DELETE_FIELDS)[number]>;
export type ResendState = FormState<never>;

const WRONG_PASSWORD = "Your current password is not correct";
const tooManyMails = (ms: number) => `Too many emails sent. Try again in ${waitText(ms)}.`;

const requestIp = async () => clientIp(await headers(), env.TRUST_PROXY);

/** Checks the current password, answering as the form should when it is wrong. */
async function confirmPassword(userId: string, password: string) {
  const check = await confirmCurrentPassword(userId, password, await requestIp());
  if (check.ok) return check;
  return check.retryAfterMs
    ? { ok: false as const, state: { formError: tooManyAttempts(check.retryAfterMs) } }
    : { ok: false as const, state: { fieldErrors: { currentPassword: WRONG_PASSWORD } } };
}

export async function resendVerificationAction(): Promise<ResendState> {
  const { user } = await requireSession();
  if (user.emailVerified) redirect("/dashboard");
  const wait = await mailWait(`user:${user.id}`);
  if (wait > 0) return { formError: tooManyMails(wait) };
  await sendVerificationEmail(user);
  await setFlash("verification-sent");
  redirect("/dashboard");
}

export async function changePasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const { user, sessionId } = await requireSession();
  const parsed = changePasswordSchema(env.PASSWORD_MIN_LENGTH).safeParse(readFields(formData, PASSWORD_FIELDS));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };

  const check = await confirmPassword(user.id, parsed.data.currentPassword);
  if (!check.ok) return check.state;
  const result = await changePassword(user, parsed.data.password, sessionId);
  if (!result.ok) return { fieldErrors: { password: result.password } };
  await setFlash("password-changed");
  redirect("/dashboard/settings");
}

export async function changeEmailAction(_prev: ChangeEmailState, formData: FormData): Promise<ChangeEmailState> {
  const { user } = await requireSession();
  const fields = readFields(formData, EMAIL_FIELDS);
  const values = echoValues(fields, ["email"] as const);
  const parsed = changeEmailSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const check = await confirmPassword(user.id, parsed.data.currentPassword);
  if (!check.ok) return { ...check.state, values };
  const wait = await mailWait(`user:${user.id}`);
  if (wait > 0) return { formError: tooManyMails(wait), values };
  const result = await requestEmailChange(user, parsed.data.email);
  if (!result.ok) return { fieldErrors: { email: result.email }, values };
  await setFlash("email-change-sent");
  redirect("/dashboard/settings");
}

export async function revokeSessionAction(formData: FormData) {
  const { user, sessionId } = await requireSession();
  const { sessionId: target } = readFields(formData, ["sessionId"] as const);
  if (target && target !== sessionId) {
    await deleteUserSession(user.id, target);
    securityEvent("session.revoked", { userId: user.id, sessionId: target });
    await setFlash("session-revoked");
  }
  redirect("/dashboard/settings");
}

export async function revokeOtherSessionsAction() {
  const { user, sessionId } = await requireSession();
  await deleteOtherSessions(user.id, sessionId);
  securityEvent("sessions.others_revoked", { userId: user.id });
  await setFlash("other-sessions-revoked");
  redirect("/dashboard/settings");
}

export async function deleteAccountAction(_prev: DeleteAccountState, formData: FormData): Promise<DeleteAccountState> {
  const { user } = await requireSession();
  const parsed = deleteAccountSchema.safeParse(readFields(formData, DELETE_FIELDS));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  if (usernameKey(parsed.data.confirmUsername) !== usernameKey(user.username)) {
    return { fieldErrors: { confirmUsername: `Type your username, ${user.username}, to confirm` } };
  }
  const check = await confirmPassword(user.id, parsed.data.currentPassword);
  if (!check.ok) return check.state;

  await deleteAccount(user.id);
  await signOut({ redirect: false });
  await setFlash("account-deleted");
  redirect("/");
}
