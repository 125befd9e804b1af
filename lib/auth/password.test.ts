import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PasswordTooLongError, dummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";

// 10 is the lowest cost the app allows; bcryptjs is pure JS, so anything higher slows the suite.
const COST = 10;
const PASSWORD = "correct horse battery";
/** Exactly 72 bytes, varied so a truncation bug cannot hide behind a repeated character. */
const PREFIX_72 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()";

let hash: string;
let hash72: string;

beforeAll(async () => {
  [hash, hash72] = await Promise.all([hashPassword(PASSWORD, COST), hashPassword(PREFIX_72, COST)]);
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function timed(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

describe("hashPassword / verifyPassword", () => {
  it("produces a bcrypt hash of the requested cost, not the password itself", () => {
    expect(hash).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
    expect(hash).not.toContain(PASSWORD);
    expect(bcrypt.getRounds(hash)).toBe(COST);
  });

  it("salts: hashing the same password twice gives different hashes", async () => {
    expect(await hashPassword(PASSWORD, COST)).not.toBe(hash);
  });

  it("round-trips the right password", async () => {
    expect(await verifyPassword(PASSWORD, hash, COST)).toEqual({ ok: true, needsRehash: false });
  });

  it("refuses a wrong password, including case and whitespace variants", async () => {
    for (const wrong of ["correct horse batterY", ` ${PASSWORD}`, ""]) {
      expect(await verifyPassword(wrong, hash, COST)).toEqual({ ok: false, needsRehash: false });
    }
  });

  it("accepts a password of exactly 72 bytes", async () => {
    expect(new TextEncoder().encode(PREFIX_72).length).toBe(72);
    expect((await verifyPassword(PREFIX_72, hash72, COST)).ok).toBe(true);
  });

  it("throws PasswordTooLongError for a 73-byte password from both hash and verify", async () => {
    const tooLong = "a".repeat(73);
    await expect(hashPassword(tooLong, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    await expect(verifyPassword(tooLong, hash, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    await expect(verifyPassword(tooLong, null, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    await expect(hashPassword(tooLong, COST)).rejects.toThrow(/72 bytes/);
  });

  it("counts bytes, not characters: 25 × € (75 bytes) and 71 ASCII + é (73 bytes) are refused", async () => {
    await expect(hashPassword("€".repeat(25), COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    await expect(hashPassword("a".repeat(71) + "é", COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    await expect(verifyPassword("😀".repeat(19), hash, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
  });

  it("never truncates: the 72-byte prefix plus one character does not verify against the prefix's hash", async () => {
    const longer = `${PREFIX_72}X`;
    // Raw bcrypt ignores everything past byte 72, so this pair *would* match if the check were missing.
    expect(await bcrypt.compare(longer, hash72)).toBe(true);
    await expect(verifyPassword(longer, hash72, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
    // And a multi-byte tail is refused the same way.
    await expect(verifyPassword(`${PREFIX_72}€`, hash72, COST)).rejects.toBeInstanceOf(PasswordTooLongError);
  });

  it("PasswordTooLongError is an Error", () => {
    const error = new PasswordTooLongError();
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain("72");
  });

  it("round-trips multi-byte passwords and distinguishes near-identical ones", async () => {
    const accented = "pässwörd€";
    const emoji = "🔑😀 sécret 🚀";
    const [accentedHash, emojiHash] = await Promise.all([hashPassword(accented, COST), hashPassword(emoji, COST)]);
    expect((await verifyPassword(accented, accentedHash, COST)).ok).toBe(true);
    expect((await verifyPassword(emoji, emojiHash, COST)).ok).toBe(true);
    expect((await verifyPassword("passwörd€", accentedHash, COST)).ok).toBe(false);
    expect((await verifyPassword("🔑😃 sécret 🚀", emojiHash, COST)).ok).toBe(false);
  });

  it("round-trips the byte-limit multi-byte passwords (24 × €, 18 emoji)", async () => {
    const euros = "€".repeat(24);
    const emoji = "😀".repeat(18);
    const [eurosHash, emojiHash] = await Promise.all([hashPassword(euros, COST), hashPassword(emoji, COST)]);
    expect((await verifyPassword(euros, eurosHash, COST)).ok).toBe(true);
    expect((await verifyPassword(emoji, emojiHash, COST)).ok).toBe(true);
  });
});

describe("needsRehash", () => {
  it("is true when the stored hash's cost differs from the configured cost", async () => {
    expect(await verifyPassword(PASSWORD, hash, 11)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword(PASSWORD, hash, 12)).toEqual({ ok: true, needsRehash: true });
  });

  it("is false when the cost matches", async () => {
    expect(await verifyPassword(PASSWORD, hash, COST)).toEqual({ ok: true, needsRehash: false });
  });

  it("is false when the password is wrong, whatever the cost", async () => {
    expect(await verifyPassword("wrong password", hash, 11)).toEqual({ ok: false, needsRehash: false });
  });
});

describe("unknown user (no stored hash)", () => {
  it.each([null, undefined, ""])("returns ok:false for a %j hash", async (stored) => {
    expect(await verifyPassword(PASSWORD, stored, COST)).toEqual({ ok: false, needsRehash: false });
  });

  it("still spends about as long as a real wrong-password compare", async () => {
    await dummyHash(COST); // created once; the timing below measures only the compare
    await verifyPassword("warm up", null, COST);
    await verifyPassword("warm up", hash, COST);

    const unknownUser: number[] = [];
    const wrongPassword: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknownUser.push(await timed(() => verifyPassword(`guess ${i}`, null, COST)));
      wrongPassword.push(await timed(() => verifyPassword(`guess ${i}`, hash, COST)));
    }
    // Loose ratio rather than an absolute time: without the dummy compare the unknown-user
    // path would take well under a millisecond against tens of milliseconds.
    expect(median(unknownUser)).toBeGreaterThanOrEqual(0.5 * median(wrongPassword));
  });
});

describe("dummyHash", () => {
  it("is a bcrypt hash of the requested cost", async () => {
    const dummy = await dummyHash(COST);
    expect(dummy).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcrypt.getRounds(dummy)).toBe(COST);
    expect(await bcrypt.compare("", dummy)).toBe(false);
  });

  it("is cached: the same promise and value on every call for a cost", async () => {
    const first = dummyHash(COST);
    const second = dummyHash(COST);
    expect(second).toBe(first);
    expect(await second).toBe(await first);
  });

  it("keeps a separate hash per cost", async () => {
    const at11 = await dummyHash(11);
    expect(bcrypt.getRounds(at11)).toBe(11);
    expect(at11).not.toBe(await dummyHash(COST));
    expect(dummyHash(11)).toBe(dummyHash(11));
  });
});
