import bcrypt from "bcryptjs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { signUpSchema, usernameKey } from "@/lib/validation/auth";
import { fuzzSeed, nastyString, rarely, SANE_EMAIL, strongPassword, USERNAME_PATTERN, validEmail, validUsername } from "@/test-support/arbitraries";
import { freshDatabase } from "@/test-support/fresh-database";

// The settings must be in place before lib/env.ts is first imported.
const database = freshDatabase();
const { EMAIL_TAKEN, registerUser, USERNAME_TAKEN } = await import("@/lib/auth/sign-up");
const { passwordProblem } = await import("@/lib/auth/password-policy");
afterAll(() => database.close());

const seed = fuzzSeed();
const schema = signUpSchema(8);

type UserRow = { id: string; username: string; usernameKey: string; email: string; passwordHash: string };
const userById = (id: string) => database.db.prepare("SELECT * FROM User WHERE id = ?").get(id) as UserRow | undefined;
const keyTaken = (key: string) => database.db.prepare("SELECT 1 FROM User WHERE usernameKey = ?").get(key) !== undefined;
const emailTaken = (email: string) => database.db.prepare("SELECT 1 FROM User WHERE email = ?").get(email) !== undefined;

// Small pools, so that names and emails collide with earlier runs' accounts.
const NAMES = ["alice", "Bob_1", "carol_c", "dave_99", "eve___", "mallory"];
const username = fc.oneof(
  { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(...NAMES)) },
  { weight: 2, arbitrary: validUsername },
  { weight: 1, arbitrary: validUsername.map((name) => `  ${name}\u3000`) },
  { weight: 2, arbitrary: nastyString() },
);
const email = fc.oneof(
  { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom("a@example.com", "b.b@example.org", "o'brien+x@example.com")) },
  { weight: 3, arbitrary: validEmail },
  { weight: 1, arbitrary: nastyString() },
);
const password = fc.oneof(
  { weight: 4, arbitrary: strongPassword },
  // Weak: common, or built from the username or email; refused before any hashing.
  { weight: 2, arbitrary: fc.constantFrom("password123", "qwertyuiop", "iloveyou1", "P@ssw0rd2024", "alice1234!", "example.com") },
  { weight: 2, arbitrary: nastyString() },
);
const signUpInput = fc
  .record({ username, email, password, confirm: rarely(nastyString(), 7) })
  .map(({ username, email, password, confirm }) => ({ username, email, password, confirmPassword: confirm ?? password }));

let hashesChecked = 0;

describe("registerUser on a real database", () => {
  it("stores an account iff the input is valid, free and not guessable, exactly as normalised", async () => {
    await fc.assert(
      fc.asyncProperty(signUpInput, async (input) => {
        const before = database.count("User");
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          // The action stops here: nothing may reach the database.
          expect(database.count("User")).toBe(before);
          return;
        }
        const data = parsed.data;
        const key = usernameKey(data.username);
        const weak = await passwordProblem(data.password, data);
        const [nameTaken, mailTaken] = [keyTaken(key), emailTaken(data.email)];

        const result = await registerUser(data);

        if (weak) {
          expect(result).toEqual({ ok: false, fieldErrors: { password: weak } });
        } else if (nameTaken || mailTaken) {
          expect(result).toEqual({
            ok: false,
            fieldErrors: { ...(nameTaken && { username: USERNAME_TAKEN }), ...(mailTaken && { email: EMAIL_TAKEN }) },
          });
        } else {
          expect(result.ok).toBe(true);
        }
        expect(database.count("User")).toBe(before + (result.ok ? 1 : 0));
        if (!result.ok) return;

        const row = userById(result.user.id)!;
        expect(row).toBeDefined();
        // Stored as typed (trimmed), never cut or altered; the email lowercased.
        expect(row.username).toBe(input.username.trim());
        expect(row.username).toMatch(USERNAME_PATTERN);
        expect(row.usernameKey).toBe(input.username.trim().toLowerCase());
        expect(row.email).toBe(input.email.trim().toLowerCase());
        expect(row.email).toMatch(SANE_EMAIL);
        expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
        // A bcrypt compare costs ~70 ms: check the first few hashes for real.
        if (hashesChecked++ < 8) expect(await bcrypt.compare(input.password, row.passwordHash)).toBe(true);
      }),
      { numRuns: 250, seed },
    );
  }, 60_000);

  it("lets the unique indexes decide when two sign-ups race for one name or one email", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.mixedCase(fc.constant("racer")), fc.constantFrom("username", "email"), async (variant, clash) => {
        const name = `${variant}_${round}`;
        const first = { username: `racer_${round}`, email: `racer.${round}@example.com`, password: "Quiet harbour lanterns", confirmPassword: "Quiet harbour lanterns" };
        const second =
          clash === "username"
            ? { ...first, username: name, email: `other.${round}@example.com` }
            : { ...first, username: `other_${round}`, email: ` RACER.${round}@EXAMPLE.COM ` };
        round++;
        const before = database.count("User");
        const results = await Promise.all([first, second].map((input) => registerUser(schema.parse(input))));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const refused = results.find((r) => !r.ok)!;
        expect(refused).toEqual({ ok: false, fieldErrors: clash === "username" ? { username: USERNAME_TAKEN } : { email: EMAIL_TAKEN } });
        expect(database.count("User")).toBe(before + 1);
      }),
      { numRuns: 8, seed },
    );
  }, 30_000);
});
