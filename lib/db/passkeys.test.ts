import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from "node:crypto";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "@/test-support/fresh-database";
import { insertUser } from "@/test-support/users";

// The browser's cookie jar, for lib/auth/passkeys.ts (it keeps the challenge's id in a cookie).
// Only next/headers is stood in for: the database is a real SQLite file.
const jar = vi.hoisted(() => {
  const values = new Map<string, string>();
  return {
    values,
    get: (name: string) => (values.has(name) ? { name, value: values.get(name)! } : undefined),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
  };
});
vi.mock("next/headers", () => ({ cookies: async () => jar, headers: async () => new Headers() }));

const ORIGIN = "http://localhost:3210";
// A real SQLite file: the point is what the database does with parallel requests.
const database = freshDatabase({ AUTH_URL: ORIGIN });
const { countPasskeys, createPasskey, findPasskey, listPasskeys, passkeyUsed, removePasskey, saveChallenge, takeChallenge } =
  await import("./passkeys");
const { authenticationOptions, verifyPasskey } = await import("@/lib/auth/passkeys");
afterAll(() => database.close());

const MINUTE = 60_000;
let users = 0;

/** An account with a password (as sign-up makes it), or without one (as an identity provider's or passkey-only account). */
function newUser({ password = true } = {}) {
  const n = ++users;
  const id = insertUser(database.db, { username: `user${n}`, email: `user${n}@example.com`, password: "correct horse battery" }, 4);
  if (!password) database.db.prepare("UPDATE User SET passwordHash = NULL WHERE id = ?").run(id);
  return id;
}

function linkIdentityProvider(userId: string) {
  const now = new Date().toISOString();
  database.db
    .prepare(`INSERT INTO Account (userId, type, provider, providerAccountId, createdAt, updatedAt) VALUES (?, 'oidc', 'oidc', ?, ?, ?)`)
    .run(userId, randomUUID(), now, now);
}

const passkey = (userId: string, extra: { id?: string; name?: string; counter?: number; publicKey?: Uint8Array } = {}) => ({
  id: extra.id ?? randomBytes(16).toString("base64url"),
  userId,
  name: extra.name ?? "YubiKey",
  publicKey: extra.publicKey ?? new Uint8Array(randomBytes(77)),
  counter: extra.counter ?? 0,
  transports: "usb,nfc",
  backedUp: false,
});

async function storedPasskey(userId: string, extra: Parameters<typeof passkey>[1] = {}) {
  const data = passkey(userId, extra);
  expect(await createPasskey(data)).toBe(true);
  return data.id;
}

const challenge = (expires: Date, userId: string | null = null) => ({
  id: randomBytes(24).toString("base64url"),
  challenge: randomBytes(32).toString("base64url"),
  purpose: "authenticate",
  userId,
  expires,
});

describe("createPasskey", () => {
  it("stores a passkey, with its public key byte for byte", async () => {
    const userId = newUser();
    const data = passkey(userId, { counter: 3 });
    expect(await createPasskey(data)).toBe(true);
    const stored = await findPasskey(data.id);
    expect(stored).toMatchObject({ id: data.id, userId, counter: 3, transports: "usb,nfc" });
    expect(new Uint8Array(stored!.publicKey)).toEqual(data.publicKey);
    expect(await listPasskeys(userId)).toEqual([expect.objectContaining({ id: data.id, name: "YubiKey", lastUsedAt: null })]);
  });

  it("returns false for a credential id that is stored already, for the same or another account", async () => {
    const owner = newUser();
    const other = newUser();
    const id = await storedPasskey(owner, { name: "first" });
    expect(await createPasskey(passkey(owner, { id, name: "again" }))).toBe(false);
    expect(await createPasskey(passkey(other, { id, name: "someone else's" }))).toBe(false);
    expect(await findPasskey(id)).toMatchObject({ userId: owner });
    expect(await countPasskeys(other)).toBe(0);
  });

  it("lets exactly one of parallel registrations of one credential id through", async () => {
    const userId = newUser();
    const id = randomBytes(16).toString("base64url");
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createPasskey(passkey(userId, { id, name: `try ${i}` }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countPasskeys(userId)).toBe(1);
  });
});

describe("passkeyUsed: the signature counter as a compare-and-swap", () => {
  it("moves the counter and records the use when the previous counter matches", async () => {
    const id = await storedPasskey(newUser(), { counter: 5 });
    expect(await passkeyUsed(id, 5, 6)).toBe(true);
    const [row] = await listPasskeys((await findPasskey(id))!.userId);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - row.lastUsedAt!.getTime()).toBeLessThan(MINUTE);
    expect((await findPasskey(id))!.counter).toBe(6);
  });

  it("lets exactly one of 10 parallel uses from the same previous counter through", async () => {
    const id = await storedPasskey(newUser(), { counter: 5 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => passkeyUsed(id, 5, 6 + i)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await findPasskey(id))!.counter).toBe(6 + results.indexOf(true));
  });

  it("refuses a previous counter that is no longer the stored one (another sign-in moved it first)", async () => {
    const id = await storedPasskey(newUser(), { counter: 5 });
    expect(await passkeyUsed(id, 5, 7)).toBe(true);
    expect(await passkeyUsed(id, 5, 8)).toBe(false);
    expect(await passkeyUsed(id, 6, 8)).toBe(false);
    expect((await findPasskey(id))!.counter).toBe(7);
  });

  it("does not itself check that the counter goes up: that is verifyAuthenticationResponse's job (see below)", async () => {
    // Documents the current behaviour: the swap only compares the previous value. A counter
    // that stays or goes back is accepted here; @simplewebauthn/server refuses it before.
    const id = await storedPasskey(newUser(), { counter: 5 });
    expect(await passkeyUsed(id, 5, 5)).toBe(true);
    expect(await passkeyUsed(id, 5, 3)).toBe(true);
    expect((await findPasskey(id))!.counter).toBe(3);
  });

  it("accepts every use of an authenticator that always reports 0, even in parallel", async () => {
    // Counter 0 → 0 matches every time: the compare-and-swap cannot tell two uses apart, so
    // for these authenticators the single-use challenge is what stops a replayed signature.
    const id = await storedPasskey(newUser(), { counter: 0 });
    const results = await Promise.all(Array.from({ length: 10 }, () => passkeyUsed(id, 0, 0)));
    expect(results).toEqual(Array(10).fill(true));
    expect((await findPasskey(id))!.counter).toBe(0);
  });

  it("returns false for a passkey that was removed meanwhile", async () => {
    expect(await passkeyUsed("no-such-passkey", 0, 1)).toBe(false);
  });
});

describe("removePasskey", () => {
  it("removes the owner's passkey and returns its name", async () => {
    const userId = newUser();
    const id = await storedPasskey(userId, { name: "Laptop" });
    expect(await removePasskey(userId, id)).toEqual({ outcome: "removed", name: "Laptop" });
    expect(await findPasskey(id)).toBeNull();
  });

  it("says not-found for another user's passkey, and leaves it", async () => {
    const owner = newUser();
    const id = await storedPasskey(owner);
    expect(await removePasskey(newUser(), id)).toEqual({ outcome: "not-found" });
    expect(await removePasskey(owner, "no-such-passkey")).toEqual({ outcome: "not-found" });
    expect(await findPasskey(id)).not.toBeNull();
  });

  it("refuses to remove the only way into an account: no password, no identity provider, one passkey", async () => {
    const userId = newUser({ password: false });
    const id = await storedPasskey(userId, { name: "Phone" });
    expect(await removePasskey(userId, id)).toEqual({ outcome: "last-method" });
    expect(await countPasskeys(userId)).toBe(1);
  });

  it("removes the last passkey of an account that has a password, or an identity provider", async () => {
    const withPassword = newUser();
    expect(await removePasskey(withPassword, await storedPasskey(withPassword, { name: "a" }))).toEqual({ outcome: "removed", name: "a" });

    const withProvider = newUser({ password: false });
    linkIdentityProvider(withProvider);
    expect(await removePasskey(withProvider, await storedPasskey(withProvider, { name: "b" }))).toEqual({ outcome: "removed", name: "b" });
  });

  it("removes one of two passkeys of a passwordless account, then refuses the other", async () => {
    const userId = newUser({ password: false });
    const first = await storedPasskey(userId, { name: "first" });
    const second = await storedPasskey(userId, { name: "second" });
    expect(await removePasskey(userId, first)).toEqual({ outcome: "removed", name: "first" });
    expect(await removePasskey(userId, second)).toEqual({ outcome: "last-method" });
  });

  it("keeps one passkey when both of a passwordless account's two are removed in parallel", async () => {
    const userId = newUser({ password: false });
    const ids = [await storedPasskey(userId, { name: "first" }), await storedPasskey(userId, { name: "second" })];
    const outcomes = await Promise.all(ids.map((id) => removePasskey(userId, id)));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["last-method", "removed"]);
    expect(await countPasskeys(userId)).toBe(1);
  });
});

describe("saveChallenge and takeChallenge", () => {
  it("gives a challenge out once; the second take is null", async () => {
    const saved = challenge(new Date(Date.now() + 5 * MINUTE), "u-1");
    await saveChallenge(saved);
    expect(await takeChallenge(saved.id)).toEqual({
      challenge: saved.challenge,
      purpose: "authenticate",
      userId: "u-1",
      expires: saved.expires,
    });
    expect(await takeChallenge(saved.id)).toBeNull();
    expect(await takeChallenge("never-saved")).toBeNull();
  });

  it("gives one of parallel takes of one challenge the challenge, and null to the rest", async () => {
    const saved = challenge(new Date(Date.now() + 5 * MINUTE));
    await saveChallenge(saved);
    const taken = await Promise.all(Array.from({ length: 10 }, () => takeChallenge(saved.id)));
    expect(taken.filter((t) => t !== null)).toEqual([expect.objectContaining({ challenge: saved.challenge })]);
  });

  it("hands out an expired challenge with its expiry, for the caller to refuse", async () => {
    // takeChallenge does not look at `expires`: takeOwnChallenge in lib/auth/passkeys.ts does.
    const expired = challenge(new Date(Date.now() - MINUTE));
    await saveChallenge(expired);
    const taken = await takeChallenge(expired.id);
    expect(taken?.expires.getTime()).toBeLessThan(Date.now());
  });

  it("sweeps expired challenges when the next one is saved", async () => {
    const expired = challenge(new Date(Date.now() - MINUTE));
    const live = challenge(new Date(Date.now() + 5 * MINUTE));
    await saveChallenge(expired);
    await saveChallenge(live);
    expect(await takeChallenge(expired.id)).toBeNull();
    expect(await takeChallenge(live.id)).not.toBeNull();
  });
});

/**
 * A software authenticator: a P-256 key pair whose assertions @simplewebauthn/server accepts
 * for the relying party at ORIGIN, with user presence and verification, and any counter.
 */
function softwareAuthenticator() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const bytes = (base64url: string) => new Uint8Array(Buffer.from(base64url, "base64url"));
  const cosePublicKey = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, bytes(jwk.x!)],
      [-3, bytes(jwk.y!)],
    ]),
  );
  const id = randomBytes(16).toString("base64url");
  return { id, publicKey: cosePublicKey, assert: (challenge: string, counter: number) => assertion(id, privateKey, challenge, counter) };
}

function assertion(id: string, privateKey: KeyObject, challenge: string, counter: number): AuthenticationResponseJSON {
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  const rpIdHash = createHash("sha256").update(new URL(ORIGIN).hostname).digest();
  const authenticatorData = Buffer.concat([rpIdHash, Buffer.from([0x05]) /* user present, user verified */, counterBytes]);
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: ORIGIN, crossOrigin: false }));
  const signed = Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]);
  return {
    id,
    rawId: id,
    type: "public-key",
    response: {
      authenticatorData: authenticatorData.toString("base64url"),
      clientDataJSON: clientDataJSON.toString("base64url"),
      signature: sign("sha256", signed, privateKey).toString("base64url"),
    },
    clientExtensionResults: {},
  };
}

describe("signing in with a passkey (lib/auth/passkeys.ts on these functions)", () => {
  beforeEach(() => jar.values.clear());

  async function enrolled(counter: number) {
    const userId = newUser({ password: false });
    const authenticator = softwareAuthenticator();
    await storedPasskey(userId, { id: authenticator.id, publicKey: authenticator.publicKey, counter });
    return { userId, authenticator };
  }

  it("signs in with a fresh assertion, and not again with the same one, even with the cookie put back", async () => {
    const { userId, authenticator } = await enrolled(0);
    const { challenge } = await authenticationOptions();
    const cookie = [...jar.values.entries()];
    const response = authenticator.assert(challenge, 0);
    expect(await verifyPasskey(response)).toMatchObject({ id: userId });
    expect(await verifyPasskey(response)).toBeNull();
    for (const [name, value] of cookie) jar.set(name, value);
    expect(await verifyPasskey(response)).toBeNull();
  });

  it("keeps signing in an authenticator that always reports counter 0, one challenge at a time", async () => {
    const { userId, authenticator } = await enrolled(0);
    for (let i = 0; i < 3; i++) {
      const { challenge } = await authenticationOptions();
      expect(await verifyPasskey(authenticator.assert(challenge, 0))).toMatchObject({ id: userId });
    }
    expect((await findPasskey(authenticator.id))!.counter).toBe(0);
  });

  it("refuses a counter that does not go up once counters are in use, and stores one that does", async () => {
    const { userId, authenticator } = await enrolled(5);
    for (const counter of [5, 4, 0]) {
      const { challenge } = await authenticationOptions();
      expect(await verifyPasskey(authenticator.assert(challenge, counter))).toBeNull();
    }
    const { challenge } = await authenticationOptions();
    expect(await verifyPasskey(authenticator.assert(challenge, 6))).toMatchObject({ id: userId });
    expect((await findPasskey(authenticator.id))!.counter).toBe(6);
  });

  it("refuses an assertion for a challenge that expired, and uses the challenge up", async () => {
    const { authenticator } = await enrolled(0);
    const { challenge } = await authenticationOptions();
    // Stored the way Prisma stores dates here: ISO 8601 text.
    const past = new Date(Date.now() - 1000).toISOString().replace("Z", "+00:00");
    expect(database.db.prepare("UPDATE WebAuthnChallenge SET expires = ? WHERE challenge = ?").run(past, challenge).changes).toBe(1);
    expect(await verifyPasskey(authenticator.assert(challenge, 0))).toBeNull();
    expect(database.db.prepare("SELECT COUNT(*) AS n FROM WebAuthnChallenge WHERE challenge = ?").get(challenge)).toEqual({ n: 0 });
  });
});
