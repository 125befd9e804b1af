import { createHash, randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test-support/fresh-database";

const secret = () => randomBytes(32).toString("base64url");
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().replace("Z", "+00:00");
const HOUR = 3600_000;

const tokens = { verify: secret(), reset: secret(), change: secret(), expired: secret(), orphan: secret(), odd: secret() };

// Live links as the previous release stored them: "purpose:userId:email" in VerificationToken.
const database = freshDatabase({}, {
  beforeMigration: "20261130000000_single_use_link_table",
  write(db) {
    const user = db.prepare(
      `INSERT INTO User (id, username, usernameKey, email, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    user.run("u1", "Alice", "alice", "alice@example.com", iso(0), iso(0));
    user.run("u2", "Bob", "bob", "bob@example.com", iso(0), iso(0));
    const link = db.prepare(`INSERT INTO VerificationToken (identifier, token, expires) VALUES (?, ?, ?)`);
    link.run("verify-email:u1:alice@example.com", hashOf(tokens.verify), iso(20 * HOUR));
    link.run("reset-password:u1:alice@example.com", hashOf(tokens.reset), iso(HOUR / 2));
    link.run("change-email:u1:alice.new@example.com", hashOf(tokens.change), iso(10 * HOUR));
    link.run("reset-password:u2:bob@example.com", hashOf(tokens.expired), iso(-HOUR));
    link.run("verify-email:gone:gone@example.com", hashOf(tokens.orphan), iso(HOUR));
    link.run("something-else:u2:bob@example.com", hashOf(tokens.odd), iso(HOUR));
  },
});
afterAll(() => database.close());

describe("migration 20261130000000_single_use_link_table", () => {
  it("carries every live link across, column by column, and drops the old table", () => {
    const rows = database.db
      .prepare(`SELECT tokenHash, purpose, userId, email, fromEmail FROM SingleUseLink ORDER BY purpose`)
      .all();
    expect(rows).toEqual([
      { tokenHash: hashOf(tokens.change), purpose: "change-email", userId: "u1", email: "alice.new@example.com", fromEmail: "alice@example.com" },
      { tokenHash: hashOf(tokens.reset), purpose: "reset-password", userId: "u1", email: "alice@example.com", fromEmail: null },
      { tokenHash: hashOf(tokens.verify), purpose: "verify-email", userId: "u1", email: "alice@example.com", fromEmail: null },
    ]);
    const tables = database.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'VerificationToken'`).all();
    expect(tables).toEqual([]);
  });

  it("leaves the links in working order: the mails sent before the upgrade still open", async () => {
    const { peekLink } = await import("@/lib/auth/links");
    expect(await peekLink(tokens.verify, ["verify-email"])).toEqual({
      ok: true,
      target: { purpose: "verify-email", userId: "u1", email: "alice@example.com" },
    });
    expect(await peekLink(tokens.reset, ["reset-password"])).toMatchObject({ ok: true, target: { userId: "u1" } });
    expect(await peekLink(tokens.change, ["change-email"])).toMatchObject({
      ok: true,
      target: { email: "alice.new@example.com", fromEmail: "alice@example.com" },
    });
    for (const gone of [tokens.expired, tokens.orphan, tokens.odd]) {
      expect(await peekLink(gone, ["verify-email", "reset-password", "change-email"])).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("deletes a user's links with the user", () => {
    database.db.prepare(`PRAGMA foreign_keys = ON`).run();
    database.db.prepare(`DELETE FROM User WHERE id = 'u1'`).run();
    expect(database.db.prepare(`SELECT COUNT(*) AS n FROM SingleUseLink`).get()).toEqual({ n: 0 });
  });
});
