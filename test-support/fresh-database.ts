// A real SQLite file for tests of server logic, with every migration applied. Imports no app
// module, so callers can set the environment before lib/env.ts reads it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS = path.resolve("prisma/migrations");

/** Data to write before a migration runs, to test that it carries rows across. */
export type Seed = { beforeMigration: string; write: (db: Database.Database) => void };

/**
 * A throwaway SQLite file with every migration applied in order, and the settings the app
 * reads on first import of lib/env.ts. Call it before importing any app module. With `seed`,
 * its rows are written when the migrations before `seed.beforeMigration` have run.
 */
export function freshDatabase(settings: Record<string, string> = {}, seed?: Seed) {
  const dir = mkdtempSync(path.join(tmpdir(), "front-door-fuzz-"));
  const file = path.join(dir, "fuzz.db");
  const setup = new Database(file);
  const migrations = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (seed && !migrations.includes(seed.beforeMigration)) throw new Error(`no migration ${seed.beforeMigration}`);
  for (const name of migrations) {
    if (name === seed?.beforeMigration) seed.write(setup);
    setup.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  setup.close();

  const env: Record<string, string> = {
    DATABASE_URL: `file:${file}`,
    AUTH_SECRET: "fuzz-only-secret-0123456789abcdefghijklmnop",
    BCRYPT_COST: "10",
    PASSWORD_MIN_LENGTH: "8",
    TRUST_PROXY: "0",
    // Small, so a genuine solution takes milliseconds to find.
    POW_MAX_NUMBER: "1000",
    ...settings,
  };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  // A Prisma client left on globalThis by another test file would point at another file.
  delete (globalThis as { database?: unknown }).database;

  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  return {
    file,
    db,
    count: (table: "User" | "Session" | "UsedChallenge") => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n,
    /** Closes the file and puts the environment back as it was, for test files that follow in this worker. */
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
