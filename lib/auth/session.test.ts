import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test-support/fresh-database";
import { insertUser } from "@/test-support/users";

// A real SQLite file for the round trip at the end; set up before the app's modules are imported.
const database = freshDatabase();
const { confirmedRecently, liveSession, RECENT_SIGN_IN_MS, signedInRecently } = await import("./session");
const { createSession, markSessionConfirmed } = await import("@/lib/db/sessions");
afterAll(() => database.close());

const MINUTE = 60_000;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const ago = (minutes: number) => new Date(NOW - minutes * MINUTE);

const session = (signedInAt: Date, confirmedAt: Date | null = null) => ({
  sessionId: "s-1",
  signedInAt,
  confirmedAt,
  method: "password",
  user: { id: "u-1", username: "ada", email: "ada@example.com", emailVerified: true, twoFactor: false, role: "user" as const },
});

describe("signedInRecently and confirmedRecently", () => {
  it("the window is ten minutes", () => {
    expect(RECENT_SIGN_IN_MS).toBe(10 * MINUTE);
  });

  it("a session signed in 5 minutes ago is recent", () => {
    expect(signedInRecently(session(ago(5)), NOW)).toBe(true);
    expect(confirmedRecently(session(ago(5)), NOW)).toBe(false);
  });

  it("a session signed in 11 minutes ago is not, without a confirmation", () => {
    expect(signedInRecently(session(ago(11)), NOW)).toBe(false);
  });

  it("a session signed in 11 minutes ago but confirmed 2 minutes ago is recent, and confirmed recently", () => {
    const confirmed = session(ago(11), ago(2));
    expect(signedInRecently(confirmed, NOW)).toBe(true);
    expect(confirmedRecently(confirmed, NOW)).toBe(true);
  });

  it("a confirmation 11 minutes ago counts for nothing", () => {
    const stale = session(ago(11), ago(11));
    expect(signedInRecently(stale, NOW)).toBe(false);
    expect(confirmedRecently(stale, NOW)).toBe(false);
    // A recent sign-in stays recent whatever the confirmation's age, but is not a confirmation.
    expect(signedInRecently(session(ago(2), ago(11)), NOW)).toBe(true);
    expect(confirmedRecently(session(ago(2), ago(11)), NOW)).toBe(false);
  });

  it("ends exactly ten minutes after the sign-in or confirmation", () => {
    const justInside = new Date(NOW - RECENT_SIGN_IN_MS + 1);
    const atTheEdge = new Date(NOW - RECENT_SIGN_IN_MS);
    expect(signedInRecently(session(justInside), NOW)).toBe(true);
    expect(signedInRecently(session(atTheEdge), NOW)).toBe(false);
    expect(confirmedRecently(session(ago(30), justInside), NOW)).toBe(true);
    expect(confirmedRecently(session(ago(30), atTheEdge), NOW)).toBe(false);
  });

  it("uses the current time when none is given", () => {
    expect(signedInRecently(session(new Date(Date.now() - 5 * MINUTE)))).toBe(true);
    expect(signedInRecently(session(new Date(Date.now() - 11 * MINUTE)))).toBe(false);
    expect(confirmedRecently(session(new Date(Date.now() - 11 * MINUTE), new Date(Date.now() - 2 * MINUTE)))).toBe(true);
  });
});

describe("confirmedAt through the database (liveSession)", () => {
  it("is null until the session is confirmed, then the time of the confirmation", async () => {
    const userId = insertUser(database.db, { username: "grace", email: "grace@example.com", password: "correct horse battery" }, 4);
    const { id } = await createSession({ userId, remember: false, expires: new Date(Date.now() + 60 * MINUTE) });
    // Signed in eleven minutes ago (stored as Prisma stores dates here: ISO 8601 text).
    const signedIn = new Date(Date.now() - 11 * MINUTE);
    database.db.prepare("UPDATE Session SET createdAt = ? WHERE id = ?").run(signedIn.toISOString().replace("Z", "+00:00"), id);
    const token = { sub: userId, sid: id, signedInAt: Math.floor(signedIn.getTime() / 1000), remember: false };

    const before = await liveSession(token);
    expect(before).toMatchObject({ sessionId: id, signedInAt: signedIn, confirmedAt: null });
    expect(signedInRecently(before!)).toBe(false);
    expect(confirmedRecently(before!)).toBe(false);

    await markSessionConfirmed(id);
    const after = await liveSession(token);
    expect(after!.confirmedAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - after!.confirmedAt!.getTime())).toBeLessThan(MINUTE);
    expect(confirmedRecently(after!)).toBe(true);
    expect(signedInRecently(after!)).toBe(true);
  });
});

describe("liveSession reads the person with the session", () => {
  const token = (userId: string, sid: string) => ({ sub: userId, sid, signedInAt: Math.floor(Date.now() / 1000), remember: false });

  it("has every field of the session and its person, and is null once the row is gone, expired, locked or someone else's", async () => {
    const userId = insertUser(database.db, { username: "hopper", email: "hopper@example.com", password: "correct horse battery" }, 4);
    const verifiedAt = new Date(Date.now() - 60 * MINUTE).toISOString().replace("Z", "+00:00");
    database.db.prepare("UPDATE User SET emailVerified = ?, role = 'admin' WHERE id = ?").run(verifiedAt, userId);
    const { id } = await createSession({ userId, remember: true, method: "oidc", expires: new Date(Date.now() + 60 * MINUTE) });

    expect(await liveSession(token(userId, id))).toEqual({
      sessionId: id,
      signedInAt: expect.any(Date),
      confirmedAt: null,
      method: "oidc",
      user: { id: userId, username: "hopper", email: "hopper@example.com", emailVerified: true, twoFactor: false, role: "admin" },
    });
    expect(await liveSession(token("someone-else", id))).toBeNull();

    database.db.prepare("UPDATE User SET lockedAt = ? WHERE id = ?").run(verifiedAt, userId);
    expect(await liveSession(token(userId, id))).toBeNull();
    database.db.prepare("UPDATE User SET lockedAt = NULL WHERE id = ?").run(userId);
    expect(await liveSession(token(userId, id))).not.toBeNull();

    database.db.prepare("UPDATE Session SET expires = ? WHERE id = ?").run(new Date(Date.now() - 1000).toISOString().replace("Z", "+00:00"), id);
    expect(await liveSession(token(userId, id))).toBeNull();

    database.db.prepare("DELETE FROM Session WHERE id = ?").run(id);
    expect(await liveSession(token(userId, id))).toBeNull();
  });
});
