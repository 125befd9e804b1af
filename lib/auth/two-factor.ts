import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { env } from "@/lib/env";
import { APP_NAME } from "@/lib/site";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
/** One step either side of now, for clocks that drift. */
const WINDOW = 1;

// The secret is encrypted at rest with a key derived from AUTH_SECRET: rotating AUTH_SECRET
// makes every stored secret unreadable, and those people sign in with a recovery code and set
// two-factor up again (README, SECURITY.md).
let key: Buffer | undefined;
const secretKey = () => (key ??= Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", "front-door totp secret", 32)));

/** AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). */
export function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/** The secret, or null when it cannot be read (tampered with, or AUTH_SECRET changed). */
export function decryptSecret(stored: string): string | null {
  if (!stored.startsWith("v1.")) return null;
  try {
    const raw = Buffer.from(stored.slice(3), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A new 160-bit secret, in base32. */
export const newSecret = () => new Secret({ size: 20 }).base32;

const totp = (base32: string, label = "") =>
  new TOTP({ issuer: APP_NAME, label, secret: Secret.fromBase32(base32), algorithm: "SHA1", digits: DIGITS, period: PERIOD });

/** The otpauth:// URI the QR code carries. */
export const otpauthUri = (base32: string, label: string) => totp(base32, label).toString();

/** The key as people type it into an app: groups of four. */
export const groupedSecret = (base32: string) => base32.match(/.{1,4}/g)!.join(" ");

/** Digits only: people paste codes with spaces. */
const digitsOf = (code: string) => code.replace(/\s+/g, "");

/** The time step a code belongs to (within one step of now), or null when it matches none. */
export function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  const token = digitsOf(code);
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(base32).validate({ token, window: WINDOW, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

/** Ten single-use recovery codes, "xxxxx-xxxxx" (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, "");

/** Whether what was typed looks like a recovery code rather than an app's code. */
export const isRecoveryCodeShape = (code: string) => /^[a-z0-9]{10}$/.test(normalizeRecoveryCode(code)) && !/^\d+$/.test(normalizeRecoveryCode(code));

/** Only a SHA-256 of a recovery code is kept (they are random, so a fast hash is enough). */
export const hashRecoveryCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
