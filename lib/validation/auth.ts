import { z } from "zod";

/** bcrypt reads only the first 72 bytes of a password; longer ones are refused, never cut. */
export const PASSWORD_MAX_BYTES = 72;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const EMAIL_MAX = 254;
/** Sign-in accepts an email or a username, so its identifier is bounded by the longer one. */
export const IDENTIFIER_MAX = EMAIL_MAX;

export const INVALID_CREDENTIALS = "Invalid email/username or password";

const encoder = new TextEncoder();
export const utf8Length = (value: string) => encoder.encode(value).length;

/** Lowercased form used for case-insensitive uniqueness and look-ups. */
export const usernameKey = (username: string) => username.normalize("NFKC").toLowerCase();
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const passwordTooLong = `Password must be at most ${PASSWORD_MAX_BYTES} bytes (some characters, like emoji or accented letters, take 2–4 bytes)`;

/** Shared by sign-up and sign-in: a password is never trimmed or case-folded. */
const passwordField = z
  .string({ error: "Enter your password" })
  .min(1, "Enter your password")
  // A length check before the byte count keeps a 1 MB value from being encoded at all.
  .max(PASSWORD_MAX_BYTES * 4, { message: passwordTooLong, abort: true })
  .refine((v) => utf8Length(v) <= PASSWORD_MAX_BYTES, passwordTooLong);

export function signUpSchema(passwordMinLength = 8) {
  return z
    .object({
      username: z
        .string({ error: "Choose a username" })
        .trim()
        .min(1, "Choose a username")
        .min(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`)
        .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`)
        .regex(/^[A-Za-z0-9_]+$/, "Username may only contain letters a–z, digits and underscores"),
      email: z
        .string({ error: "Enter your email address" })
        .trim()
        .min(1, "Enter your email address")
        .max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters`)
        .pipe(z.email("Enter a valid email address, like name@example.com"))
        .transform(normalizeEmail),
      password: passwordField.refine(
        (v) => v.length >= passwordMinLength,
        `Password must be at least ${passwordMinLength} characters`,
      ),
      confirmPassword: z.string({ error: "Confirm your password" }).min(1, "Confirm your password"),
    })
    .superRefine((data, ctx) => {
      if (data.password.toLowerCase() === data.username.toLowerCase()) {
        ctx.addIssue({ code: "custom", path: ["password"], message: "Password must not be your username" });
      } else if (data.password.toLowerCase() === data.email) {
        ctx.addIssue({ code: "custom", path: ["password"], message: "Password must not be your email address" });
      }
      if (data.confirmPassword !== data.password) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords do not match" });
      }
    });
}

export const signInSchema = z.object({
  identifier: z
    .string({ error: "Enter your email or username" })
    .trim()
    .min(1, "Enter your email or username")
    .max(IDENTIFIER_MAX, INVALID_CREDENTIALS),
  password: passwordField,
  // A checkbox posts "on" when ticked and nothing otherwise; the browser form holds a boolean.
  remember: z.unknown().optional().transform((v) => v === true || v === "on" || v === "true"),
});

export type SignUpInput = z.input<ReturnType<typeof signUpSchema>>;
export type SignUpData = z.output<ReturnType<typeof signUpSchema>>;
export type SignInInput = z.input<typeof signInSchema>;
export type SignInData = z.output<typeof signInSchema>;
