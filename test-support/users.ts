import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type Database from "better-sqlite3";
import { normalizeEmail, usernameKey } from "../lib/validation/auth";

export type TestUser = { username: string; email: string; password: string };

/** Stores an account straight into the database, as sign-up would (sign-up has tests of its own); returns its id. */
export function insertUser(db: Database.Database, user: TestUser, cost = 10): string {
  const id = randomUUID();
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare(
    `INSERT INTO User (id, username, usernameKey, email, passwordHash, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, user.username, usernameKey(user.username), normalizeEmail(user.email), bcrypt.hashSync(user.password, cost), now, now);
  return id;
}
