// zod/mini: the same schemas run in the browser, where the full build would add ~35 KB.
import * as z from "zod/mini";

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
export const passwordField = z.string({ error: "Enter your password" }).check(
  z.minLength(1, "Enter your password"),
  // A length check before the byte count keeps a 1 MB value from being encoded at all.
  z.maxLength(PASSWORD_MAX_BYTES * 4, { error: passwordTooLong, abort: true }),
  z.refine((v) => utf8Length(v) <= PASSWORD_MAX_BYTES, passwordTooLong),
);

/** An email address as typed: trimmed, checked, stored lowercased. */
export const emailField = z.pipe(
  z
    .string({ error: "Enter your email address" })
    .check(
      z.trim(),
      z.minLength(1, { error: "Enter your email address", abort: true }),
      z.maxLength(EMAIL_MAX, { error: `Email must be at most ${EMAIL_MAX} characters`, abort: true }),
    ),
  z.pipe(z.email("Enter a valid email address, like name@example.com"), z.transform(normalizeEmail)),
);

/** A password being chosen: the shared rules plus the minimum length. */
export const newPasswordField = (passwordMinLength: number) =>
  passwordField.check(
    z.refine((v) => v.length >= passwordMinLength, `Password must be at least ${passwordMinLength} characters`),
  );

/** A username being chosen: 3–32 of a–z, A–Z, 0–9 and _, kept as typed (trimmed). */
export const usernameField = z
  .string({ error: "Choose a username" })
  .check(
    z.trim(),
    z.minLength(1, { error: "Choose a username", abort: true }),
    z.minLength(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`),
    z.maxLength(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`),
    z.regex(/^[A-Za-z0-9_]+$/, "Username may only contain letters a–z, digits and underscores"),
  );

/** /welcome: the username of someone who came through an identity provider. */
export const welcomeSchema = z.object({ username: usernameField });

/** "Continue with …": which provider, and whether to remember the session. */
export const providerSignInSchema = z.object({
  provider: z.string().check(z.maxLength(32)),
  remember: z.pipe(
    z.optional(z.unknown()),
    z.transform((v) => v === true || v === "on" || v === "true"),
  ),
});

export function signUpSchema(passwordMinLength = 8) {
  return z
    .object({
      username: usernameField,
      email: emailField,
      password: newPasswordField(passwordMinLength),
      confirmPassword: z.string({ error: "Confirm your password" }).check(z.minLength(1, "Confirm your password")),
    })
    .check(
      z.superRefine((data, ctx) => {
        if (data.password.toLowerCase() === data.username.toLowerCase()) {
          ctx.addIssue({ code: "custom", path: ["password"], message: "Password must not be your username" });
        } else if (data.password.toLowerCase() === data.email) {
          ctx.addIssue({ code: "custom", path: ["password"], message: "Password must not be your email address" });
        }
        if (data.confirmPassword !== data.password) {
          ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords do not match" });
        }
      }),
    );
}

export const signInSchema = z.object({
  identifier: z
    .string({ error: "Enter your email or username" })
    .check(
      // Lone UTF-16 surrogates (no browser form sends them) would make the look-up fail.
      z.overwrite((v) => v.toWellFormed()),
      z.trim(),
      z.minLength(1, { error: "Enter your email or username", abort: true }),
      z.maxLength(IDENTIFIER_MAX, INVALID_CREDENTIALS),
    ),
  password: passwordField,
  // A checkbox posts "on" when ticked and nothing otherwise; the browser form holds a boolean.
  remember: z.pipe(
    z.optional(z.unknown()),
    z.transform((v) => v === true || v === "on" || v === "true"),
  ),
});

export type SignUpData = z.output<ReturnType<typeof signUpSchema>>;
export type SignInData = z.output<typeof signInSchema>;

export const INVALID_CODE = "Invalid code";

/** The second step: 6 digits from the app, or a recovery code ("xxxxx-xxxxx"). */
export const twoFactorCodeSchema = z.object({
  code: z.string({ error: "Enter the code" }).check(z.trim(), z.minLength(1, "Enter the code"), z.maxLength(32, INVALID_CODE)),
});

/** What a browser's WebAuthn call answers (checked in full by @simplewebauthn/server). */
export const webAuthnResponseSchema = z.looseObject({
  id: z.string().check(z.maxLength(1024)),
  rawId: z.string().check(z.maxLength(1024)),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().check(z.maxLength(8192)) }),
});

/** A passkey's name, chosen when it is added. */
export const passkeyNameSchema = z.string({ error: "Name this passkey" }).check(
  z.trim(),
  z.minLength(1, "Name this passkey"),
  z.maxLength(64, "Use at most 64 characters"),
  // The name shows in lists and in mails: no line breaks, control or text-direction characters.
  z.refine((name) => !/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(name), "Use letters, numbers, spaces and punctuation only"),
);

/** What "Sign in with a passkey" sends along: "Remember me" and where to go. */
export const passkeyOptionsSchema = z.object({
  remember: z.pipe(z.optional(z.boolean()), z.transform((v) => v === true)),
  callbackUrl: z.optional(z.string().check(z.maxLength(2048))),
});
