import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { COMMON_PASSWORD, CONTAINS_EMAIL, CONTAINS_USERNAME, passwordProblem } from "@/lib/auth/password-policy";
import { echoValues, fieldErrorsOf, readFields } from "@/lib/forms/form-state";
import { pickClientIp } from "@/lib/http/client-ip";
import { IDENTIFIER_MAX, PASSWORD_MAX_BYTES, signInSchema, signUpSchema, utf8Length } from "@/lib/validation/auth";
import { fuzzSeed, nastyString, rarely, SANE_EMAIL, strongPassword, USERNAME_PATTERN, validEmail, validUsername, wrongType } from "@/test-support/arbitraries";

// The field names the server actions read (app/(auth)/actions.ts).
const SIGN_UP_FIELDS = ["username", "email", "password", "confirmPassword"] as const;
const SIGN_IN_FIELDS = ["identifier", "password", "remember"] as const;

const seed = fuzzSeed();
const runs = (numRuns: number) => ({ numRuns, seed });

/**
 * How a field arrives in a post: once, not at all, twice (only the first counts), or as a
 * file, which the actions treat as missing.
 */
type Shape = "once" | "missing" | "twice" | "other-first" | "file" | "file-first";
const shape = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Shape>("once") },
  ...(["missing", "twice", "other-first", "file", "file-first"] as const).map((s) => ({ weight: 1, arbitrary: fc.constant<Shape>(s) })),
);

type Field = { value: string; shape: Shape; other: string };

/** Builds the post and what readFields must make of it (FormData holds USV strings: lone surrogates become U+FFFD; so does NUL). */
function buildForm(fields: Record<string, Field>, junk: [string, string][]) {
  const form = new FormData();
  const names = Object.keys(fields);
  for (const [name, value] of junk) if (!names.includes(name.toWellFormed())) form.append(name, value);
  const expected: Record<string, string | undefined> = {};
  for (const [name, { value, shape, other }] of Object.entries(fields)) {
    const file = () => new File([value], "payload.txt", { type: "text/plain" });
    // NUL becomes U+FFFD too: PostgreSQL cannot store it.
    expected[name] = { once: value, twice: value, "other-first": other, missing: undefined, file: undefined, "file-first": undefined }[shape]
      ?.toWellFormed()
      .replaceAll("\u0000", "\uFFFD");
    const order = { once: [value], twice: [value, other], "other-first": [other, value], missing: [], file: [file()], "file-first": [new Blob([value]), value] }[shape];
    for (const part of order) form.append(name, part);
  }
  return { form, expected };
}

const field = (value: fc.Arbitrary<string>) => fc.record({ value, shape, other: nastyString() });
const junkFields = fc.array(fc.tuple(nastyString(64), nastyString()), { maxLength: 3 });

const signUpPost = fc
  .record({
    username: fc.oneof(validUsername.map((u) => ` ${u}\t`), validUsername, validUsername, nastyString()),
    email: fc.oneof(validEmail, validEmail, validEmail, nastyString()),
    password: fc.oneof(strongPassword, strongPassword, strongPassword, nastyString()),
    confirm: rarely(nastyString(), 4),
  })
  .chain(({ username, email, password, confirm }) =>
    fc.record({
      fields: fc.record({
        username: field(fc.constant(username)),
        email: field(fc.constant(email)),
        password: field(fc.constant(password)),
        confirmPassword: field(fc.constant(confirm ?? password)),
      }),
      junk: junkFields,
    }),
  );

const signInPost = fc.record({
  fields: fc.record({
    identifier: field(fc.oneof(validUsername, validEmail, nastyString())),
    password: field(fc.oneof(strongPassword, nastyString())),
    remember: field(fc.oneof(fc.constantFrom("on", "true", "false", "off", "1", ""), nastyString())),
  }),
  junk: junkFields,
});

const issuesOn = (issues: { path: PropertyKey[] }[], name: string) => issues.some((issue) => issue.path[0] === name);

describe("sign-up form posts", () => {
  it("are read, echoed and validated without throwing, and every error lands on a known field", () => {
    fc.assert(
      fc.property(signUpPost, ({ fields, junk }) => {
        const { form, expected } = buildForm(fields, junk);
        const read = readFields(form, SIGN_UP_FIELDS);
        expect(read).toEqual(expected);

        const echoed = echoValues(read, ["username", "email"] as const);
        expect(echoed).toEqual({ username: (read.username ?? "").slice(0, 256), email: (read.email ?? "").slice(0, 256) });

        const parsed = signUpSchema(8).safeParse(read);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) expect(SIGN_UP_FIELDS).toContain(issue.path[0]);
          const errors = fieldErrorsOf<(typeof SIGN_UP_FIELDS)[number]>(parsed.error);
          for (const [name, message] of Object.entries(errors)) {
            expect(SIGN_UP_FIELDS).toContain(name);
            expect(message).toBe(parsed.error.issues.find((issue) => issue.path[0] === name)!.message);
          }
        }
        // The username rule, stated independently: 3–32 of a-z A-Z 0-9 _ once trimmed.
        const usernameOk = read.username !== undefined && USERNAME_PATTERN.test(read.username.trim());
        expect(!parsed.success && issuesOn(parsed.error.issues, "username")).toBe(!usernameOk);
        const password = read.password;
        if (password === undefined || password.length < 8 || utf8Length(password) > PASSWORD_MAX_BYTES) {
          expect(!parsed.success && issuesOn(parsed.error.issues, "password")).toBe(true);
        }
        if (read.email === undefined || !read.email.includes("@") || read.email.trim().length > 254) {
          expect(!parsed.success && issuesOn(parsed.error.issues, "email")).toBe(true);
        }

        if (parsed.success) {
          const data = parsed.data;
          expect(data.username).toBe(read.username!.trim());
          expect(data.email).toBe(read.email!.trim().toLowerCase());
          expect(data.email).toMatch(SANE_EMAIL);
          expect(data.email.length).toBeLessThanOrEqual(254);
          // Passwords are taken exactly as typed.
          expect(data.password).toBe(read.password);
          expect(data.confirmPassword).toBe(data.password);
          expect(data.password.toLowerCase()).not.toBe(data.username.toLowerCase());
        }
      }),
      runs(3000),
    );
  });

  it("survive values of the wrong type in place of any field", () => {
    const input = fc.oneof(
      wrongType,
      fc.record(
        { username: fc.oneof(wrongType, validUsername), email: fc.oneof(wrongType, validEmail), password: fc.oneof(wrongType, strongPassword), confirmPassword: fc.oneof(wrongType, strongPassword) },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, (value) => {
        const parsed = signUpSchema(8).safeParse(value);
        if (parsed.success) for (const name of SIGN_UP_FIELDS) expect(typeof parsed.data[name]).toBe("string");
      }),
      runs(3000),
    );
  });
});

describe("sign-in form posts", () => {
  it("are validated exactly by the stated rules, without throwing, errors on known fields only", () => {
    fc.assert(
      fc.property(signInPost, ({ fields, junk }) => {
        const { form, expected } = buildForm(fields, junk);
        const read = readFields(form, SIGN_IN_FIELDS);
        expect(read).toEqual(expected);

        const parsed = signInSchema.safeParse(read);
        const { identifier, password, remember } = read;
        const identifierOk = identifier !== undefined && identifier.trim().length >= 1 && identifier.trim().length <= IDENTIFIER_MAX;
        const passwordOk = password !== undefined && password.length >= 1 && utf8Length(password) <= PASSWORD_MAX_BYTES;
        expect(parsed.success).toBe(identifierOk && passwordOk);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) expect(SIGN_IN_FIELDS).toContain(issue.path[0]);
          expect(issuesOn(parsed.error.issues, "identifier")).toBe(!identifierOk);
          expect(issuesOn(parsed.error.issues, "password")).toBe(!passwordOk);
          expect(Object.keys(fieldErrorsOf(parsed.error)).every((name) => (SIGN_IN_FIELDS as readonly string[]).includes(name))).toBe(true);
        } else {
          expect(parsed.data.identifier).toBe(identifier!.trim());
          expect(parsed.data.password).toBe(password);
          expect(parsed.data.remember).toBe(remember === "on" || remember === "true");
        }
      }),
      runs(3000),
    );
  });

  it("survive values of the wrong type in place of any field", () => {
    const input = fc.oneof(
      wrongType,
      fc.record({ identifier: fc.oneof(wrongType, validUsername), password: fc.oneof(wrongType, strongPassword), remember: wrongType }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(input, (value) => {
        const parsed = signInSchema.safeParse(value);
        if (parsed.success) {
          expect(typeof parsed.data.identifier).toBe("string");
          expect(typeof parsed.data.password).toBe("string");
          expect(typeof parsed.data.remember).toBe("boolean");
        }
      }),
      runs(3000),
    );
  });
});

describe("passwordProblem", () => {
  const messages = [null, COMMON_PASSWORD, CONTAINS_USERNAME, CONTAINS_EMAIL];

  it("answers for any password, username and email without throwing", async () => {
    await fc.assert(
      fc.asyncProperty(nastyString(), nastyString(), nastyString(), async (password, username, email) => {
        expect(messages).toContain(await passwordProblem(password, { username, email }));
      }),
      runs(2000),
    );
  });

  it("always refuses a password that contains the username or the email's local part, whatever surrounds it", async () => {
    const surrounding = fc.oneof(nastyString(64), strongPassword);
    await fc.assert(
      fc.asyncProperty(validUsername, validEmail, surrounding, surrounding, fc.constantFrom("username", "email", "EMAIL"), async (username, email, before, after, which) => {
        const local = email.trim().toLowerCase().split("@")[0]!;
        fc.pre(which === "username" || local.length >= 3);
        // A combining mark right after it would fold into its last letter under NFKC: "cafe" + U+0301 is "café".
        fc.pre(!/^\p{M}/u.test(after));
        const inside = which === "username" ? username : which === "email" ? local : local.toUpperCase();
        expect(await passwordProblem(`${before}${inside}${after}`, { username, email: email.trim().toLowerCase() })).not.toBeNull();
      }),
      runs(2000),
    );
  });
});

describe("pickClientIp", () => {
  const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `::ffff:${ip}`));
  const entry = fc.oneof({ weight: 3, arbitrary: address }, { weight: 1, arbitrary: nastyString(2_000) });
  const header = fc.oneof(
    fc.constant(null),
    nastyString(),
    fc.tuple(fc.array(entry, { maxLength: 6 }), fc.constantFrom(",", ", ", " ,  ", ",,")).map(([entries, sep]) => entries.join(sep)),
  );

  it("returns a real address or 'unknown' for any header", () => {
    fc.assert(
      fc.property(header, fc.integer({ min: 0, max: 10 }), (forwardedFor, trustProxy) => {
        const ip = pickClientIp(forwardedFor, trustProxy);
        expect(ip === "unknown" || isIP(ip) !== 0).toBe(true);
        expect(ip).toBe(ip.toLowerCase());
      }),
      runs(5000),
    );
  });

  it("takes the entry the trusted proxy count points at", () => {
    fc.assert(
      fc.property(fc.array(address, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 10 }), (chain, trustProxy) => {
        const picked = chain[Math.max(0, chain.length - 1 - trustProxy)]!;
        const want = picked.startsWith("::ffff:") && isIP(picked.slice(7)) ? picked.slice(7) : picked;
        expect(pickClientIp(chain.join(", "), trustProxy)).toBe(want.toLowerCase());
      }),
      runs(3000),
    );
  });
});

describe("safeCallbackUrl", () => {
  const piece = fc.oneof(
    fc.constantFrom("/", "//", "\\", "/\\", "http:", "https://evil.example", "javascript:", "%2F", "%5C", "/.", "/..", "@", "\t", "\n", "?", "#", ":", "evil.example", "dashboard", "\u3002", "\uFF0F"),
    nastyString(64),
  );
  const url = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(""));

  it("returns the fallback or a path that stays on this origin", () => {
    fc.assert(
      fc.property(url, (value) => {
        const result = safeCallbackUrl(value);
        if (result === "/dashboard") return;
        expect(result.startsWith("/") && !result.startsWith("//") && !/[\\\u0000-\u001f\u007f]/.test(result)).toBe(true);
        for (const origin of ["http://app.example", "https://app.example:8443"]) expect(new URL(result, origin).origin).toBe(origin);
      }),
      runs(5000),
    );
  });
});
