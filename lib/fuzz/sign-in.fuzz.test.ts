import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupFor } from "@/lib/auth/identifier";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import { fuzzSeed, nastyString, wrongType } from "@/test-support/arbitraries";
import { freshDatabase } from "@/test-support/fresh-database";

const database = freshDatabase();
const { registerUser } = await import("@/lib/auth/sign-up");
const { checkPassword } = await import("@/lib/auth/sign-in");
afterAll(() => database.close());

const seed = fuzzSeed();
const OWNER = { username: "Alice_Fuzz", email: "alice.fuzz@example.com", password: "Tidy lantern rivers 7" };
let ownerId = "";

beforeAll(async () => {
  const result = await registerUser(signUpSchema(8).parse({ ...OWNER, confirmPassword: OWNER.password }));
  if (!result.ok) throw new Error("could not create the owner account");
  ownerId = result.user.id;
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

/** Each try from its own client (IPv4, and IPv6 in its own /64), so the throttle never answers in its place. */
let tries = 0;
const nextClient = () => (tries++ % 2 ? `198.18.${(tries >> 8) & 255}.${tries & 255}` : `2001:db8:${tries.toString(16)}::1`);

let signedIn = 0;

describe("checkPassword on a real database", () => {
  it("refuses an identifier holding a lone UTF-16 surrogate instead of throwing", async () => {
    for (const identifier of ["\uD800", "alice_fuzz\uDC00", "\uD800@example.com"]) {
      const parsed = signInSchema.parse({ identifier, password: OWNER.password });
      await expect(checkPassword(parsed, "192.0.2.1", null)).resolves.toMatchObject({ ok: false, reason: "invalid" });
    }
  });

  it("never throws, and lets in exactly the owner's credentials", async () => {
    await fc.assert(
      fc.asyncProperty(credentials, async (given) => {
        const ip = nextClient();
        // The action parses first; whatever fails the schema never reaches the check.
        const parsed = signInSchema.safeParse(given);
        if (!parsed.success) return;
        const outcome = await checkPassword(parsed.data, ip, null);

        // Independent of the code under test: what the owner's credentials look like once parsed.
        const lookup = lookupFor(parsed.data.identifier);
        const owner =
          parsed.data.password === OWNER.password &&
          ("email" in lookup ? lookup.email === OWNER.email : lookup.usernameKey === OWNER.username.toLowerCase());
        expect(outcome.ok).toBe(owner);
        if (!outcome.ok) {
          expect(outcome).toMatchObject({ reason: "invalid" });
          return;
        }
        signedIn++;
        expect(outcome.user).toEqual({ id: ownerId, username: OWNER.username, email: OWNER.email });
      }),
      // Each run that passes the schema costs a bcrypt compare (~70 ms).
      { numRuns: 250, seed },
    );
    // The owner's credentials came up, so a refusal was not the only answer possible.
    expect(signedIn).toBeGreaterThan(0);
  }, 60_000);
});
