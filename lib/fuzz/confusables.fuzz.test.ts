import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInSchema, signUpSchema, usernameKey } from "@/lib/validation/auth";
import { fuzzSeed } from "@/test-support/arbitraries";
import { freshDatabase } from "@/test-support/fresh-database";

const database = freshDatabase();
const { registerUser, USERNAME_TAKEN } = await import("@/lib/auth/sign-up");
const { checkPassword } = await import("@/lib/auth/sign-in");
afterAll(() => database.close());

const seed = fuzzSeed();
const schema = signUpSchema(8);
const PASSWORD = "Quiet harbour lanterns 42";

/** Existing accounts that an attacker would like to imitate. */
const TARGETS = ["admin_a", "spicy_oxe"];

/** Characters that look like (or, under NFKC, become) a Latin letter or the underscore. */
const LOOKALIKES: Record<string, string[]> = {
  a: ["\u0430", "\u03B1", "\uFF41", "\u0251", "\u00E0", "a\u0301", "\u1D00"],
  c: ["\u0441", "\u03F2", "\uFF43", "\u217D", "\u1D04"],
  d: ["\u0501", "\uFF44", "\u217E", "\u0257"],
  e: ["\u0435", "\u03B5", "\uFF45", "\u212E", "\u00E9"],
  i: ["\u0456", "\u03B9", "\u0131", "\uFF49", "\u2170", "\u00ED", "i\u0307"],
  m: ["\u043C", "\uFF4D", "\u217F", "\u1E43"],
  n: ["\u0578", "\uFF4E", "\u0274", "\u00F1"],
  o: ["\u043E", "\u03BF", "\uFF4F", "\u0D20", "\u00F6"],
  p: ["\u0440", "\u03C1", "\uFF50"],
  s: ["\u0455", "\uFF53", "\u017F", "\uA731"],
  x: ["\u0445", "\u03C7", "\uFF58", "\u2179"],
  y: ["\u0443", "\u03B3", "\uFF59", "\u00FD"],
  _: ["\uFF3F", "\u2017", "\u02CD", "\uFE4D", "\u203F"],
};
/** Invisible or direction-changing characters that could hide inside a name. */
const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u034F", "\u202E", "\u202D", "\u200E", "\u200F", "\u2066", "\u0301", "\u0338"];
/** Whitespace that String.prototype.trim (and so the schema) removes at the ends. */
const EDGE_SPACE = ["", " ", "\t", "\n", "\u00A0", "\u3000", "\uFEFF", "\u2028"];

const fullwidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Spellings of a target: each letter kept, upper-cased or swapped for a look-alike; maybe invisible characters inside, spaces around, or the whole in fullwidth. */
const lookalike = fc.constantFrom(...TARGETS).chain((target) =>
  fc
    .record({
      letters: fc.tuple(...[...target].map((c) => fc.oneof(fc.constant(c), fc.constant(c.toUpperCase()), fc.constantFrom(...(LOOKALIKES[c] ?? [c]))))),
      hidden: fc.array(fc.tuple(fc.nat({ max: target.length }), fc.constantFrom(...INVISIBLE)), { maxLength: 2 }),
      before: fc.constantFrom(...EDGE_SPACE),
      after: fc.constantFrom(...EDGE_SPACE),
      wide: fc.boolean(),
    })
    .map(({ letters, hidden, before, after, wide }) => {
      const chars = [...letters];
      for (const [at, mark] of hidden) chars.splice(at, 0, mark);
      const name = chars.join("");
      return { target, candidate: before + (wide ? fullwidth(name) : name) + after };
    }),
);

let emails = 0;
const signUpAs = (username: string) => {
  const email = `someone.${emails++}@example.com`;
  return schema.safeParse({ username, email, password: PASSWORD, confirmPassword: PASSWORD });
};

beforeAll(async () => {
  for (const [i, target] of TARGETS.entries()) {
    const parsed = schema.parse({ username: target, email: `owner.${i}@example.com`, password: PASSWORD, confirmPassword: PASSWORD });
    expect((await registerUser(parsed)).ok).toBe(true);
  }
});

describe("look-alike usernames", () => {
  it("NFKC folds fullwidth letters onto ASCII, so the schema must and does refuse them", () => {
    expect(usernameKey("\uFF41\uFF44\uFF4D\uFF49\uFF4E\uFF3F\uFF41")).toBe("admin_a");
    expect(usernameKey("\u2170")).toBe("i"); // small roman numeral one
    expect(usernameKey("\u017F")).toBe("s"); // long s
    for (const name of ["\uFF41\uFF44\uFF4D\uFF49\uFF4E\uFF3F\uFF41", "adm\u2170n_a", "\u017Fpicy_oxe"]) {
      const parsed = signUpAs(name);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain("username");
    }
  });

  it("never create a second account: non-ASCII spellings are refused, ASCII ones collide with the owner", async () => {
    const users = database.count("User");
    await fc.assert(
      fc.asyncProperty(lookalike, async ({ target, candidate }) => {
        const parsed = signUpAs(candidate);
        if (!/^[A-Za-z0-9_]+$/.test(candidate.trim())) {
          expect(parsed.success).toBe(false);
          expect(parsed.error!.issues.some((issue) => issue.path[0] === "username")).toBe(true);
          return;
        }
        // Only case and surrounding spaces differ from the owner's name.
        expect(parsed.success).toBe(true);
        expect(usernameKey(parsed.data!.username)).toBe(target);
        expect(await registerUser(parsed.data!)).toEqual({ ok: false, fieldErrors: { username: USERNAME_TAKEN } });
      }),
      { numRuns: 1500, seed },
    );
    expect(database.count("User")).toBe(users);
  }, 60_000);

  it("every upper/lower-case spelling of an existing name is reported as taken", async () => {
    const users = database.count("User");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS).chain((target) => fc.mixedCase(fc.constant(target))), async (variant) => {
        const parsed = signUpAs(variant);
        expect(parsed.success).toBe(true);
        expect(await registerUser(parsed.data!)).toEqual({ ok: false, fieldErrors: { username: USERNAME_TAKEN } });
      }),
      { numRuns: 100, seed },
    );
    expect(database.count("User")).toBe(users);
  });

  it("sign in as the owner only when the name is the owner's after trimming, NFKC and lower-casing", async () => {
    let client = 0;
    await fc.assert(
      fc.asyncProperty(lookalike, async ({ target, candidate }) => {
        const parsed = signInSchema.parse({ identifier: candidate, password: PASSWORD });
        // Each try from its own address, so the throttle never answers in its place.
        const outcome = await checkPassword(parsed, `198.51.100.${client++ % 250}`, null);
        const same = usernameKey(candidate.trim()) === target;
        expect(outcome.ok ? outcome.user.username : null).toBe(same ? target : null);
      }),
      // Every try costs a bcrypt compare (~70 ms).
      { numRuns: 40, seed },
    );
  }, 60_000);
});
