import { describe, expect, it } from "vitest";
import type { $ZodError } from "zod/v4/core";
import {
  EMAIL_MAX,
  IDENTIFIER_MAX,
  INVALID_CREDENTIALS,
  PASSWORD_MAX_BYTES,
  USERNAME_MAX,
  USERNAME_MIN,
  normalizeEmail,
  passkeyNameSchema,
  signInSchema,
  signUpSchema,
  usernameKey,
  utf8Length,
} from "@/lib/validation/auth";

type Result = { success: boolean; error?: $ZodError };

/** Messages grouped by the field they land on (`issue.path[0]`). */
function errorsByField(result: Result): Record<string, string[]> {
  expect(result.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const issue of result.error!.issues) {
    const key = String(issue.path[0] ?? "(root)");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const valid = {
  username: "alice_1",
  email: "alice@example.com",
  password: "correct horse",
  confirmPassword: "correct horse",
};

/** A valid sign-up with the given password in both password fields. */
const withPassword = (password: string, extra: Partial<typeof valid> = {}) => ({
  ...valid,
  password,
  confirmPassword: password,
  ...extra,
});

describe("helpers and constants", () => {
  it("exposes the documented limits", () => {
    expect(PASSWORD_MAX_BYTES).toBe(72);
    expect(USERNAME_MIN).toBe(3);
    expect(USERNAME_MAX).toBe(32);
    expect(EMAIL_MAX).toBe(254);
    expect(IDENTIFIER_MAX).toBe(EMAIL_MAX);
  });

  it("utf8Length counts UTF-8 bytes, not UTF-16 code units", () => {
    expect(utf8Length("")).toBe(0);
    expect(utf8Length("a")).toBe(1);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("😀")).toBe(4); // two UTF-16 code units
    expect("😀".length).toBe(2);
    expect(utf8Length("pässwörd€")).toBe(13);
  });

  it("usernameKey lowercases and NFKC-normalises", () => {
    expect(usernameKey("Alice_1")).toBe("alice_1");
    expect(usernameKey("ＡＬＩＣＥ")).toBe("alice"); // full-width letters fold to ASCII
    expect(usernameKey("alice")).toBe(usernameKey("ALICE"));
  });

  it("normalizeEmail trims and lowercases", () => {
    expect(normalizeEmail("  Bob@Example.COM \n")).toBe("bob@example.com");
  });
});

describe("signUpSchema — username", () => {
  const schema = signUpSchema();

  it("accepts the boundary lengths 3 and 32", () => {
    expect(schema.safeParse({ ...valid, username: "abc" }).success).toBe(true);
    expect(schema.safeParse({ ...valid, username: "a".repeat(32) }).success).toBe(true);
  });

  it("refuses 2 and 33 characters with a message on username", () => {
    expect(errorsByField(schema.safeParse({ ...valid, username: "ab" })).username).toEqual([
      "Username must be at least 3 characters",
    ]);
    expect(errorsByField(schema.safeParse({ ...valid, username: "a".repeat(33) })).username).toEqual([
      "Username must be at most 32 characters",
    ]);
  });

  it.each([
    ["inner space", "al ice"],
    ["hyphen", "al-ice"],
    ["dot", "al.ice"],
    ["Cyrillic а look-alike", "\u0430lice"],
    ["emoji", "alice😀"],
    ["accented letter", "alicé"],
    ["full-width letters", "ＡＬＩＣＥ"],
  ])("refuses a username with %s", (_label, username) => {
    const errors = errorsByField(schema.safeParse({ ...valid, username }));
    expect(errors.username).toEqual(["Username may only contain letters a–z, digits and underscores"]);
    expect(Object.keys(errors)).toEqual(["username"]);
  });

  it("accepts mixed case, digits and underscores and keeps the case", () => {
    const result = schema.safeParse({ ...valid, username: "Alice_Smith_42" });
    expect(result.success).toBe(true);
    expect(result.data!.username).toBe("Alice_Smith_42");
  });

  it("trims surrounding whitespace from the username", () => {
    const result = schema.safeParse({ ...valid, username: "  Alice_1\t" });
    expect(result.success).toBe(true);
    expect(result.data!.username).toBe("Alice_1");
  });

  it("refuses an empty or whitespace-only username with 'Choose a username'", () => {
    expect(errorsByField(schema.safeParse({ ...valid, username: "" })).username?.[0]).toBe("Choose a username");
    expect(errorsByField(schema.safeParse({ ...valid, username: "   " })).username?.[0]).toBe("Choose a username");
  });

  it("refuses a 100 KB username quickly with a clear message", () => {
    const started = performance.now();
    const result = schema.safeParse({ ...valid, username: "a".repeat(100 * 1024) });
    const elapsed = performance.now() - started;
    expect(errorsByField(result).username).toContain("Username must be at most 32 characters");
    expect(elapsed).toBeLessThan(250);
  });
});

describe("signUpSchema — email", () => {
  const schema = signUpSchema();

  it("stores the email trimmed and lowercased", () => {
    const result = schema.safeParse({ ...valid, email: "  Alice.Smith@Example.COM  " });
    expect(result.success).toBe(true);
    expect(result.data!.email).toBe("alice.smith@example.com");
  });

  it.each(["not-an-email", "alice@", "@example.com", "alice@@example.com", "alice example@example.com"])(
    "refuses %j with a message on email",
    (email) => {
      expect(errorsByField(schema.safeParse({ ...valid, email })).email).toEqual([
        "Enter a valid email address, like name@example.com",
      ]);
    },
  );

  it("refuses an empty email with 'Enter your email address'", () => {
    expect(errorsByField(schema.safeParse({ ...valid, email: "  " })).email?.[0]).toBe("Enter your email address");
  });

  it("refuses an email over 254 characters", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(186)}.com`; // 254 + 1
    expect(email.length).toBe(255);
    expect(errorsByField(schema.safeParse({ ...valid, email })).email?.[0]).toBe("Email must be at most 254 characters");
  });
});

describe("signUpSchema — password", () => {
  const tooLong = /at most 72 bytes/;

  it("enforces the default minimum of 8 characters", () => {
    const schema = signUpSchema();
    expect(errorsByField(schema.safeParse(withPassword("1234567"))).password).toEqual([
      "Password must be at least 8 characters",
    ]);
    expect(schema.safeParse(withPassword("12345678")).success).toBe(true);
  });

  it("enforces a custom minimum (12)", () => {
    const schema = signUpSchema(12);
    expect(errorsByField(schema.safeParse(withPassword("a".repeat(11)))).password).toEqual([
      "Password must be at least 12 characters",
    ]);
    expect(schema.safeParse(withPassword("a".repeat(12))).success).toBe(true);
  });

  it("accepts exactly 72 ASCII bytes and refuses 73", () => {
    const schema = signUpSchema();
    expect(schema.safeParse(withPassword("p".repeat(72))).success).toBe(true);
    const errors = errorsByField(schema.safeParse(withPassword("p".repeat(73))));
    expect(errors.password).toHaveLength(1);
    expect(errors.password[0]).toMatch(tooLong);
  });

  it("counts bytes for multi-byte characters: 24 × € (72 bytes) pass, 25 × € (75 bytes) are refused", () => {
    const schema = signUpSchema();
    expect(schema.safeParse(withPassword("€".repeat(24))).success).toBe(true);
    // 25 characters is far below any character limit: only the byte count can refuse it.
    expect(errorsByField(schema.safeParse(withPassword("€".repeat(25)))).password?.[0]).toMatch(tooLong);
  });

  it("counts 4-byte emoji: 18 pass, 19 are refused", () => {
    const schema = signUpSchema();
    expect(schema.safeParse(withPassword("😀".repeat(18))).success).toBe(true);
    expect(errorsByField(schema.safeParse(withPassword("😀".repeat(19)))).password?.[0]).toMatch(tooLong);
  });

  it("refuses 71 ASCII bytes plus one 2-byte character (73 bytes)", () => {
    const schema = signUpSchema();
    expect(schema.safeParse(withPassword("p".repeat(70) + "é")).success).toBe(true); // 72 bytes
    expect(errorsByField(schema.safeParse(withPassword("p".repeat(71) + "é"))).password?.[0]).toMatch(tooLong);
  });

  it("the too-long message mentions 72 bytes and explains multi-byte characters", () => {
    const message = errorsByField(signUpSchema().safeParse(withPassword("€".repeat(25)))).password[0];
    expect(message).toContain("72 bytes");
    expect(message).toMatch(/emoji|accented/);
  });

  it("refuses a 1 MB password quickly with the 72-byte message", () => {
    const huge = "x".repeat(1024 * 1024);
    const started = performance.now();
    const result = signUpSchema().safeParse({ ...valid, password: huge, confirmPassword: huge });
    const elapsed = performance.now() - started;
    const errors = errorsByField(result);
    expect(errors.password).toHaveLength(1);
    expect(errors.password[0]).toMatch(tooLong);
    expect(elapsed).toBeLessThan(250);
  });

  it("never trims or case-folds the password", () => {
    const password = "  MiXeD Case pw  ";
    const result = signUpSchema().safeParse(withPassword(password));
    expect(result.success).toBe(true);
    expect(result.data!.password).toBe(password);
    expect(result.data!.confirmPassword).toBe(password);
  });

  it("spaces make a different password: confirmPassword without the spaces does not match", () => {
    const errors = errorsByField(
      signUpSchema().safeParse({ ...valid, password: " secret pw ", confirmPassword: "secret pw" }),
    );
    expect(errors.confirmPassword).toEqual(["Passwords do not match"]);
  });

  it("refuses a password equal to the username in any case", () => {
    for (const password of ["Alice_1234", "alice_1234", "ALICE_1234"]) {
      const errors = errorsByField(signUpSchema().safeParse(withPassword(password, { username: "Alice_1234" })));
      expect(errors.password).toEqual(["Password must not be your username"]);
      expect(Object.keys(errors)).toEqual(["password"]);
    }
  });

  it("refuses a password equal to the email in any case", () => {
    for (const password of ["bob@example.com", "Bob@Example.COM"]) {
      const errors = errorsByField(signUpSchema().safeParse(withPassword(password, { email: "Bob@Example.com" })));
      expect(errors.password).toEqual(["Password must not be your email address"]);
    }
  });

  it("puts a confirmPassword mismatch on confirmPassword, not password", () => {
    const errors = errorsByField(
      signUpSchema().safeParse({ ...valid, password: "correct horse", confirmPassword: "Correct horse" }),
    );
    expect(errors).toEqual({ confirmPassword: ["Passwords do not match"] });
  });

  it("refuses an empty password and an empty confirmation with their own messages", () => {
    const errors = errorsByField(signUpSchema().safeParse({ ...valid, password: "", confirmPassword: "" }));
    expect(errors.password?.[0]).toBe("Enter your password");
    expect(errors.confirmPassword?.[0]).toBe("Confirm your password");
  });
});

describe("signUpSchema — wrong types", () => {
  it.each([
    ["numbers", { username: 123, email: 456, password: 12345678, confirmPassword: 12345678 }],
    ["arrays", { username: ["alice"], email: ["a@b.co"], password: ["pw"], confirmPassword: ["pw"] }],
    ["undefined", { username: undefined, email: undefined, password: undefined, confirmPassword: undefined }],
    ["null", { username: null, email: null, password: null, confirmPassword: null }],
  ])("reports %s as field errors instead of throwing", (_label, input) => {
    let result: Result | undefined;
    expect(() => {
      result = signUpSchema().safeParse(input);
    }).not.toThrow();
    // The form shows the first message per field, so that is the one that must be right.
    const errors = errorsByField(result!);
    expect(errors.username?.[0]).toBe("Choose a username");
    expect(errors.email?.[0]).toBe("Enter your email address");
    expect(errors.password?.[0]).toBe("Enter your password");
    expect(errors.confirmPassword?.[0]).toBe("Confirm your password");
  });

  it("does not throw for a non-object input", () => {
    for (const input of [undefined, null, 42, "x", []]) {
      expect(() => signUpSchema().safeParse(input)).not.toThrow();
      expect(signUpSchema().safeParse(input).success).toBe(false);
    }
  });
});

describe("signInSchema", () => {
  const base = { identifier: "alice", password: "correct horse", remember: undefined as unknown };

  it("trims the identifier but keeps the password untouched", () => {
    const result = signInSchema.safeParse({ ...base, identifier: "  Alice@Example.com ", password: " Pw " });
    expect(result.success).toBe(true);
    expect(result.data!.identifier).toBe("Alice@Example.com");
    expect(result.data!.password).toBe(" Pw ");
  });

  it("refuses an empty or blank identifier on identifier", () => {
    for (const identifier of ["", "   "]) {
      expect(errorsByField(signInSchema.safeParse({ ...base, identifier })).identifier).toEqual([
        "Enter your email or username",
      ]);
    }
  });

  it("refuses an identifier longer than 254 characters with the generic credentials message", () => {
    expect(errorsByField(signInSchema.safeParse({ ...base, identifier: "a".repeat(255) })).identifier).toEqual([
      INVALID_CREDENTIALS,
    ]);
    expect(signInSchema.safeParse({ ...base, identifier: "a".repeat(254) }).success).toBe(true);
  });

  it("refuses an empty password on password", () => {
    expect(errorsByField(signInSchema.safeParse({ ...base, password: "" })).password).toEqual(["Enter your password"]);
  });

  it("applies the same 72-byte limit to the sign-in password", () => {
    expect(signInSchema.safeParse({ ...base, password: "€".repeat(24) }).success).toBe(true);
    expect(errorsByField(signInSchema.safeParse({ ...base, password: "€".repeat(25) })).password?.[0]).toContain(
      "72 bytes",
    );
    expect(errorsByField(signInSchema.safeParse({ ...base, password: "x".repeat(1024 * 1024) })).password?.[0]).toContain(
      "72 bytes",
    );
  });

  it.each([
    ["on", true],
    ["true", true],
    [true, true],
    [undefined, false],
    ["false", false],
    [false, false],
    ["", false],
    ["off", false],
    ["1", false],
  ])("remember %j → %s", (remember, expected) => {
    const result = signInSchema.safeParse({ ...base, remember });
    expect(result.success).toBe(true);
    expect(result.data!.remember).toBe(expected);
  });

  it.each([
    ["numbers", { identifier: 42, password: 12345678, remember: 1 }],
    ["arrays", { identifier: ["alice"], password: ["pw"], remember: ["on"] }],
    ["undefined", { identifier: undefined, password: undefined, remember: undefined }],
  ])("reports %s as field errors instead of throwing", (_label, input) => {
    let result: Result | undefined;
    expect(() => {
      result = signInSchema.safeParse(input);
    }).not.toThrow();
    const errors = errorsByField(result!);
    expect(errors.identifier?.[0]).toBe("Enter your email or username");
    expect(errors.password?.[0]).toBe("Enter your password");
  });
});

describe("passkeyNameSchema", () => {
  const parse = (name: unknown) => passkeyNameSchema.safeParse(name);

  it("keeps a trimmed name of up to 64 characters, any script or emoji", () => {
    expect(parse("  Work laptop  ").data).toBe("Work laptop");
    expect(parse("Téléphone de Zoé 📱").success).toBe(true);
    expect(parse("x".repeat(64)).success).toBe(true);
  });

  it("asks for a name when there is none, and refuses a long one", () => {
    expect(parse("   ").error?.issues[0]?.message).toBe("Name this passkey");
    expect(parse(undefined).error?.issues[0]?.message).toBe("Name this passkey");
    expect(parse("x".repeat(65)).error?.issues[0]?.message).toBe("Use at most 64 characters");
  });

  it("refuses line breaks, control and text-direction characters, which would garble lists and mails", () => {
    for (const name of ["Phone\nSubject: hi", "Tab\there", "bell\u0007", "\u202Eevil", "iso\u2066late\u2069", "mark\u200F"]) {
      expect(parse(name).error?.issues[0]?.message, JSON.stringify(name)).toBe("Use letters, numbers, spaces and punctuation only");
    }
  });
});
