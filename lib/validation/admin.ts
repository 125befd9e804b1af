import * as z from "zod/mini";
import { passwordField } from "./auth";

export const ADMIN_ACTIONS = ["end-sessions", "lock", "unlock", "resend-verification", "reset-two-factor", "delete"] as const;

/** A button on an admin's page of one user: which user, which action, and for "Delete account" the typed name. */
export const adminActionSchema = z.object({
  userId: z.string().check(z.minLength(1), z.maxLength(64)),
  action: z.enum(ADMIN_ACTIONS),
  confirmUsername: z.optional(z.string().check(z.maxLength(320))),
});

/** Confirming it is you with your password, for the admin area. */
export const confirmPasswordSchema = z.object({ currentPassword: passwordField });
