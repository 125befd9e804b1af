import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { fuzzSeed, nastyString, wrongType } from "@/test-support/arbitraries";
import { freshDatabase } from "@/test-support/fresh-database";

// POW_MAX_NUMBER is small here (lib/fuzz/harness.ts), so a genuine answer takes milliseconds.
const database = freshDatabase();
const { newChallenge, verifyChallenge } = await import("@/lib/security/proof-of-work");
afterAll(() => database.close());

const seed = fuzzSeed();
const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
const encode = (value: unknown) => Buffer.from(json(value)).toString("base64");

/** A challenge this server signed, solved as the browser would. */
async function genuine(purpose: "signup" | "signin" = "signup") {
  const challenge = await newChallenge(purpose);
  const solution = await solveChallenge({ challenge, deriveKey });
  return { challenge, solution: solution! };
}

/** Payloads shaped like the real thing, so they get past decoding and reach the signature check. */
const forged = fc.record({
  challenge: fc.record(
    {
      signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString(128)),
      parameters: fc.oneof(
        wrongType,
        fc.record({ algorithm: fc.constantFrom("SHA-256", "SHA-1", "PBKDF2/SHA-256", "x"), nonce: fc.string(), salt: fc.string(), cost: fc.oneof(fc.integer(), wrongType), keyPrefix: fc.string(), expiresAt: fc.oneof(fc.integer(), wrongType), data: fc.oneof(fc.constant({ purpose: "signup" }), wrongType) }, { requiredKeys: [] }),
      ),
    },
    { requiredKeys: [] },
  ),
  solution: fc.oneof(wrongType, fc.record({ counter: fc.oneof(fc.integer(), fc.double(), wrongType), derivedKey: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString(64)) }, { requiredKeys: [] })),
});

const anyAnswer = fc.oneof(
  wrongType,
  nastyString(10_000),
  fc.base64String({ maxLength: 200 }),
  fc.jsonValue().map(encode),
  forged.map(encode),
  forged.map(json),
);

describe("verifyChallenge", () => {
  it("accepts a genuine answer once, and not for the other purpose", async () => {
    const answer = encode(await genuine());
    expect(await verifyChallenge(answer, "signin")).toBe(false);
    expect(await verifyChallenge(answer, "signup")).toBe(true);
    expect(await verifyChallenge(answer, "signup")).toBe(false);
  });

  it("refuses a well-formed payload whose challenge parameters are null", async () => {
    const payload = { challenge: { signature: "0".repeat(64), parameters: null }, solution: { counter: 0, derivedKey: "00" } };
    await expect(verifyChallenge(encode(payload), "signup")).resolves.toBe(false);
  });

  it("refuses anything else and never throws, whatever the type or content", async () => {
    await fc.assert(
      fc.asyncProperty(anyAnswer, fc.constantFrom("signup", "signin"), async (value, purpose) => {
        expect(await verifyChallenge(value, purpose)).toBe(false);
      }),
      { numRuns: 3000, seed },
    );
  }, 60_000);

  // What an attacker would change in a real answer. Not the counter to another valid number:
  // the server checks the derived key against its key signature, and the counter is not needed.
  const tamper = fc.oneof(
    fc.record({ at: fc.constantFrom("signature"), value: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString(80)) }),
    fc.record({ at: fc.constantFrom("algorithm", "nonce", "salt", "cost", "keyLength", "keyPrefix", "expiresAt", "keySignature", "data", "extra"), value: fc.oneof(fc.jsonValue(), fc.constant(undefined)) }),
    fc.record({ at: fc.constantFrom("purpose"), value: fc.oneof(fc.constantFrom("signin", "SIGNUP", "signup ", ""), wrongType) }),
    fc.record({ at: fc.constantFrom("derivedKey"), value: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString(80)) }),
    fc.record({ at: fc.constantFrom("counter"), value: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.constant(2 ** 32), wrongType.filter((v) => !(Number.isInteger(v) && (v as number) >= 0))) }),
  );

  it("refuses a genuine answer with any part changed, which is still good afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(tamper, async ({ at, value }) => {
        const real = await genuine();
        const copy = structuredClone(real) as unknown as { challenge: { signature?: string; parameters: Record<string, unknown> }; solution: Record<string, unknown> };
        const params = copy.challenge.parameters;
        if (at === "signature") copy.challenge.signature = value as string;
        else if (at === "purpose") params.data = { purpose: value };
        else if (at === "derivedKey" || at === "counter") copy.solution[at] = value;
        else params[at] = value;
        const tampered = encode(copy);
        fc.pre(tampered !== encode(real));

        expect(await verifyChallenge(tampered, "signup")).toBe(false);
        expect(await verifyChallenge(encode(real), "signup")).toBe(true);
      }),
      { numRuns: 300, seed },
    );
  }, 60_000);
});
