import { isIP } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupFor } from "@/lib/auth/identifier";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import { freshDatabase, fuzzSeed, nastyString, wrongType } from "./harness";

const database = freshDatabase();
const { registerUser } = await import("@/lib/auth/sign-up");
const { authenticate } = await import("@/lib/auth/credentials");
afterAll(() => database.close());

const seed = fuzzSeed();
const OWNER = { username: "Alice_Fuzz", email: "alice.fuzz@example.com", password: "Tidy lantern rivers 7" };
let ownerId = "";

beforeAll(async () => {
  const result = await registerUser(signUpSchema(8).parse({ ...OWNER, confirmPassword: OWNER.password }));
  if (!result.ok) throw new Error("could not create the owner account");
  ownerId = result.userId;
});

// Near misses of the real credentials as well as garbage, so both answers stay reachable.
const identifier = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("Alice_Fuzz", "alice_fuzz", " ALICE_FUZZ ", "alice.fuzz@example.com", "\tAlice.Fuzz@EXAMPLE.com ", "\uFF41lice_fuzz", "alice_fuzz\u200B", "\u0430lice_fuzz", "alice.fuzz@example.com\0", "alice_fuzz' OR 1=1 --") },
  { weight: 3, arbitrary: nastyString() },
  { weight: 2, arbitrary: wrongType },
);
const password = fc.oneof(
  { weight: 2, arbitrary: fc.constant(OWNER.password) },
  { weight: 2, arbitrary: fc.constantFrom(`${OWNER.password} `, ` ${OWNER.password}`, OWNER.password.toUpperCase(), OWNER.password.slice(0, -1), `${OWNER.password}\0`, "' OR 1=1 --") },
  { weight: 2, arbitrary: nastyString() },
  { weight: 2, arbitrary: wrongType },
);
const credentials = fc
  .tuple(
    fc.oneof(
      fc.record({ identifier, password, remember: fc.oneof(fc.constantFrom("on", "true", "1", true), wrongType) }),
      fc.record({ identifier, password, remember: wrongType }, { requiredKeys: [] }),
    ),
    fc.dictionary(nastyString(32), wrongType, { maxKeys: 3 }),
  )
  .map(([fields, junk]) => ({ ...junk, ...fields }) as Partial<Record<string, unknown>>);

/** Header values as a proxy might pass them on: any byte but NUL, CR and LF, sometimes long. */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.integer({ min: 500, max: 5000 }).map((n) => "Mozilla/5.0 <script>".repeat(n / 20)),
);
const headers = fc
  .record({ "x-forwarded-for": fc.oneof(fc.ipV4(), fc.ipV6(), headerText), "user-agent": headerText }, { requiredKeys: [] })
  .map((values) => new Headers(Object.entries(values).map(([name, value]): [string, string] => [name, value.trim()])));

let signedIn = 0;

describe("authenticate on a real database", () => {
  it("refuses an identifier holding a lone UTF-16 surrogate instead of throwing", async () => {
    for (const identifier of ["\uD800", "alice_fuzz\uDC00", "\uD800@example.com"]) {
      await expect(authenticate({ identifier, password: OWNER.password }, new Headers())).resolves.toBeNull();
    }
  });

  it("never throws, and opens a session exactly when the credentials are the owner's", async () => {
    await fc.assert(
      fc.asyncProperty(credentials, headers, async (given, requestHeaders) => {
        const before = database.count("Session");
        const user = await authenticate(given, requestHeaders);

        // Independent of the code under test: what the owner's credentials look like once parsed.
        const parsed = signInSchema.safeParse(given);
        const lookup = parsed.success ? lookupFor(parsed.data.identifier) : null;
        const owner =
          parsed.success &&
          parsed.data.password === OWNER.password &&
          ("email" in lookup! ? lookup.email === OWNER.email : lookup!.usernameKey === OWNER.username.toLowerCase());
        expect(user !== null).toBe(owner);
        expect(database.count("Session")).toBe(before + (user ? 1 : 0));
        if (!user) return;
        signedIn++;

        expect(user).toMatchObject({ id: ownerId, username: OWNER.username, email: OWNER.email, remember: parsed.success && parsed.data.remember });
        const row = database.db.prepare("SELECT * FROM Session WHERE id = ?").get(user.sessionId) as
          | { userId: string; remember: number; ipAddress: string | null; userAgent: string | null }
          | undefined;
        expect(row).toMatchObject({ userId: ownerId, remember: user.remember ? 1 : 0 });
        expect(row!.ipAddress === null || isIP(row!.ipAddress) !== 0).toBe(true);
        expect((row!.userAgent ?? "").length).toBeLessThanOrEqual(512);
      }),
      // Each run that passes the schema costs a bcrypt compare (~70 ms).
      { numRuns: 250, seed },
    );
    // The owner's credentials came up, so "null" above was not the only answer possible.
    expect(signedIn).toBeGreaterThan(0);
  }, 60_000);
});
