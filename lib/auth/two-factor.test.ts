import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  groupedSecret,
  hashRecoveryCode,
  isRecoveryCodeShape,
  matchingStep,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
} from "./two-factor";

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });

describe("the authenticator-app secret", () => {
  it("is 160 random bits in base32, shown in groups of four", () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newSecret()).not.toBe(secret);
    expect(groupedSecret(secret)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(otpauthUri(secret, "ada@example.com")).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+.*period=30/);
  });

  it("is stored encrypted, and anything tampered with reads as nothing", () => {
    const secret = newSecret();
    const stored = encryptSecret(secret);
    expect(stored).not.toContain(secret);
    expect(encryptSecret(secret)).not.toBe(stored);
    expect(decryptSecret(stored)).toBe(secret);
    const flipped = `${stored.slice(0, -2)}${stored.at(-2) === "A" ? "B" : "A"}${stored.at(-1)}`;
    expect(decryptSecret(flipped)).toBeNull();
    expect(decryptSecret(secret)).toBeNull();
  });
});

describe("matchingStep", () => {
  const secret = newSecret();
  const now = 1_800_000_000_000;
  const step = Math.floor(now / 30_000);

  it("accepts this step's code and one step either side, and says which step", () => {
    expect(matchingStep(secret, codeAt(secret, now), now)).toBe(step);
    expect(matchingStep(secret, codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(secret, now + 30_000), now)).toBe(step + 1);
    const spaced = codeAt(secret, now).replace(/^(\d{3})/, "$1 ");
    expect(matchingStep(secret, spaced, now)).toBe(step);
  });

  it("refuses codes two steps away, and anything but six digits", () => {
    expect(matchingStep(secret, codeAt(secret, now - 60_000), now)).toBeNull();
    expect(matchingStep(secret, codeAt(secret, now + 60_000), now)).toBeNull();
    for (const junk of ["", "12345", "1234567", "abcdef"]) expect(matchingStep(secret, junk, now)).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten, different, and told apart from an app's code", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(isRecoveryCodeShape(code)).toBe(true);
    }
    expect(isRecoveryCodeShape("123456")).toBe(false);
  });

  it("hash the same however they are typed", () => {
    const [code] = newRecoveryCodes();
    expect(hashRecoveryCode(code!.toUpperCase())).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!.replace("-", " "))).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!)).not.toContain(code!.replace("-", ""));
  });
});
