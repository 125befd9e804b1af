import * as z from "zod/mini";
import { emailField, INVALID_CODE, newPasswordField, passkeyNameSchema, passwordField } from "./auth";

const currentPassword = z.string({ error: "Enter your current password" }).check(z.minLength(1, "Enter your current password"));
const confirm = z.string({ error: "Confirm your new password" }).check(z.minLength(1, "Confirm your new password"));
const matching = z.superRefine((data: { password: string; confirmPassword: string }, ctx) => {
  if (data.confirmPassword !== data.password) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords do not match" });
  }
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = (passwordMinLength = 8) =>
  z
    .object({
      token: z.string({ error: "This link is invalid" }).check(z.minLength(1, "This link is invalid")),
      password: newPasswordField(passwordMinLength),
      confirmPassword: confirm,
    })
    .check(matching);

export const changePasswordSchema = (passwordMinLength = 8) =>
  z
    .object({
      currentPassword: currentPassword.check(z.maxLength(1024, "Enter your current password")),
      password: newPasswordField(passwordMinLength),
      confirmPassword: confirm,
    })
    .check(
      matching,
      z.superRefine((data, ctx) => {
        if (data.password === data.currentPassword) {
          ctx.addIssue({ code: "custom", path: ["password"], message: "Choose a password different from your current one" });
        }
      }),
    );

// The current password is left out of these forms for someone without one (who came through
// an identity provider); the service then asks for a recent sign-in or a passkey instead.
export const changeEmailSchema = z.object({ email: emailField, currentPassword: z.optional(passwordField) });

export const deleteAccountSchema = z.object({
  confirmUsername: z.string({ error: "Type your username to confirm" }).check(z.trim(), z.minLength(1, "Type your username to confirm")),
  currentPassword: z.optional(passwordField),
});

/** A first password, for someone who came through an identity provider and has none. */
export const setPasswordSchema = (passwordMinLength = 8) =>
  z.object({ password: newPasswordField(passwordMinLength), confirmPassword: confirm }).check(matching);

/** Connect an identity provider; the current password when the sign-in is not recent. */
export const connectProviderSchema = z.object({
  provider: z.string().check(z.maxLength(32)),
  currentPassword: z.optional(z.string().check(z.maxLength(1024))),
});

export const providerSchema = z.object({ provider: z.string().check(z.maxLength(32)) });

/** New recovery codes: the current password when the sign-in is not recent. */
export const regenerateCodesSchema = z.object({ currentPassword: z.optional(z.string().check(z.maxLength(1024))) });

export const ENTER_CODE = "Enter a code from your app, or a recovery code";

/**
 * Turning two-factor off: the current password (when there is one) and a code. The code may be
 * left out after a passkey confirmation, which the service checks.
 */
export const turnOffTwoFactorSchema = z.object({
  currentPassword: z.optional(z.string().check(z.maxLength(1024))),
  code: z.optional(z.string().check(z.trim(), z.maxLength(32, INVALID_CODE))),
});

/** Adding a passkey: its name, and the current password when the sign-in is not recent. */
export const addPasskeySchema = z.object({
  name: passkeyNameSchema,
  currentPassword: z.optional(z.string().check(z.maxLength(1024))),
});
