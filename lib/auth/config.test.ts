import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import {
  BROWSER_SESSION_SECONDS,
  DECODE_CACHE_MAX_BYTES,
  DECODE_CACHE_MAX_ENTRIES,
  REMEMBERED_SESSION_SECONDS,
  decodeCacheSize,
  isTokenCurrent,
  nowSeconds,
  readSessionToken,
  sessionCookieName,
} from "@/lib/auth/config";

const HOUR = 60 * 60;
const DAY = 24 * HOUR;
const SIGNED_IN_AT = 1_750_000_000;

const token = (extra: Partial<JWT> = {}): JWT => ({
  sub: "user-1",
  sid: "session-1",
  signedInAt: SIGNED_IN_AT,
  remember: false,
  ...extra,
});

describe("session lifetimes", () => {
  it("remembered sessions last 30 days and browser sessions 24 hours", () => {
    expect(REMEMBERED_SESSION_SECONDS).toBe(30 * DAY);
    expect(REMEMBERED_SESSION_SECONDS).toBe(2_592_000);
    expect(BROWSER_SESSION_SECONDS).toBe(DAY);
    expect(BROWSER_SESSION_SECONDS).toBe(86_400);
  });

  it("nowSeconds is whole seconds since the epoch", () => {
    const now = nowSeconds();
    expect(Number.isInteger(now)).toBe(true);
    expect(Math.abs(now - Date.now() / 1000)).toBeLessThan(2);
  });
});

describe("isTokenCurrent", () => {
  it("without remember: current at 23h59m, not at 24h or later", () => {
    const t = token({ remember: false });
    expect(isTokenCurrent(t, SIGNED_IN_AT)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 23 * HOUR + 59 * 60)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + DAY - 1)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + DAY)).toBe(false);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 2 * DAY)).toBe(false);
  });

  it("a token with no remember flag is treated as not remembered", () => {
    const t = token({ remember: undefined });
    expect(isTokenCurrent(t, SIGNED_IN_AT + DAY - 1)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + DAY)).toBe(false);
  });

  it("with remember: current at 29 days, not at 30 days or later", () => {
    const t = token({ remember: true });
    expect(isTokenCurrent(t, SIGNED_IN_AT + 2 * DAY)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 29 * DAY)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 30 * DAY - 1)).toBe(true);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 30 * DAY)).toBe(false);
    expect(isTokenCurrent(t, SIGNED_IN_AT + 31 * DAY)).toBe(false);
  });

  it.each([
    ["sub", { sub: undefined }],
    ["sid", { sid: undefined }],
    ["signedInAt", { signedInAt: undefined }],
    ["empty sub", { sub: "" }],
    ["empty sid", { sid: "" }],
  ])("is false when %s is missing", (_label, extra) => {
    expect(isTokenCurrent(token(extra as Partial<JWT>), SIGNED_IN_AT + 60)).toBe(false);
  });

  it("is false when signedInAt is not a number", () => {
    const t = { ...token(), signedInAt: String(SIGNED_IN_AT) } as unknown as JWT;
    expect(isTokenCurrent(t, SIGNED_IN_AT + 60)).toBe(false);
  });

  it("is false for a null or undefined token", () => {
    expect(isTokenCurrent(null, SIGNED_IN_AT)).toBe(false);
    expect(isTokenCurrent(undefined, SIGNED_IN_AT)).toBe(false);
  });

  it("respects exp: past or now → false, future → true", () => {
    const now = SIGNED_IN_AT + HOUR;
    expect(isTokenCurrent(token({ exp: now - 1 }), now)).toBe(false);
    expect(isTokenCurrent(token({ exp: now }), now)).toBe(false);
    expect(isTokenCurrent(token({ exp: now + 1 }), now)).toBe(true);
  });

  it("exp in the future does not extend the lifetime past the sign-in rule", () => {
    expect(isTokenCurrent(token({ exp: SIGNED_IN_AT + 30 * DAY }), SIGNED_IN_AT + DAY)).toBe(false);
  });

  it("tolerates 60 s of clock skew but refuses a signedInAt further in the future", () => {
    expect(isTokenCurrent(token({ signedInAt: SIGNED_IN_AT + 60 }), SIGNED_IN_AT)).toBe(true);
    expect(isTokenCurrent(token({ signedInAt: SIGNED_IN_AT + 61 }), SIGNED_IN_AT)).toBe(false);
    expect(isTokenCurrent(token({ signedInAt: SIGNED_IN_AT + 30 * DAY, remember: true }), SIGNED_IN_AT)).toBe(false);
  });

  it("uses the current time when none is given", () => {
    expect(isTokenCurrent(token({ signedInAt: nowSeconds() - 10 }))).toBe(true);
    expect(isTokenCurrent(token({ signedInAt: nowSeconds() - DAY - 10 }))).toBe(false);
  });
});

describe("sessionCookieName", () => {
  it("uses the __Secure- prefix over HTTPS only", () => {
    expect(sessionCookieName(true)).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName(true).startsWith("__Secure-")).toBe(true);
    expect(sessionCookieName(false)).toBe("authjs.session-token");
  });
});

describe("readSessionToken and its cache (finding: out of memory after about 2,000 session cookies)", () => {
  const secret = "a-test-secret-that-is-long-enough-0123456789";
  const salt = sessionCookieName(false);
  const cookie = (value: string) => new Headers({ cookie: `${salt}=${value}` });
  const mint = (sid: string) => encode({ secret, salt, token: token({ sid, signedInAt: nowSeconds() }) });

  it("decodes the session cookie and hands out copies, so no caller can change what is cached", async () => {
    const value = await mint("copy-check");
    const first = await readSessionToken(cookie(value), secret, false);
    expect(first?.sid).toBe("copy-check");
    first!.sid = "tampered";
    expect((await readSessionToken(cookie(value), secret, false))?.sid).toBe("copy-check");
  });

  it("accepts the cookie only, never an Authorization: Bearer header", async () => {
    const value = await mint("bearer");
    expect(await readSessionToken(new Headers({ authorization: `Bearer ${value}` }), secret, false)).toBeNull();
  });

  it("never caches a token that does not decode, so junk cookies cannot fill it", async () => {
    const before = decodeCacheSize().entries;
    for (let i = 0; i < 500; i++) expect(await readSessionToken(cookie(`junk-${i}-${"x".repeat(400)}`), secret, false)).toBeNull();
    expect(decodeCacheSize().entries).toBe(before);
  });

  it("stays within its entry and byte bounds, however many valid tokens pass", async () => {
    const tokens = await Promise.all(Array.from({ length: DECODE_CACHE_MAX_ENTRIES + 500 }, (_, i) => mint(`s-${i}`)));
    for (const value of tokens) await readSessionToken(cookie(value), secret, false);
    const { entries, bytes } = decodeCacheSize();
    expect(entries).toBeLessThanOrEqual(DECODE_CACHE_MAX_ENTRIES);
    expect(entries).toBeGreaterThan(DECODE_CACHE_MAX_ENTRIES / 2);
    expect(bytes).toBeLessThanOrEqual(DECODE_CACHE_MAX_BYTES);
    // The newest are kept, the oldest went first.
    expect((await readSessionToken(cookie(tokens.at(-1)!), secret, false))?.sid).toBe(`s-${tokens.length - 1}`);
  });
});
