// Migrations for both databases (one data model: prisma/schema.prisma).
//   node scripts/db-migrations.mjs new <name>   (npm run db:migration -- <name>)
//     writes prisma/postgresql/schema.prisma from the SQLite schema, then one new migration per
//     database, each the difference between its migrations folder and its schema.
//   node scripts/db-migrations.mjs check        (npm run db:check)
//     fails unless the PostgreSQL schema is up to date and each migrations folder, replayed,
//     gives exactly its schema ("No difference").
// Both start a throwaway PostgreSQL cluster (test-support/pg-cluster.mjs) for the PostgreSQL side.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPostgres } from "../test-support/pg-cluster.mjs";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "./db-schemas.mjs";

const PRISMA = path.resolve("node_modules/prisma/build/index.js");
const FOLDERS = [
  { kind: "SQLite", schema: SQLITE_SCHEMA, migrations: "prisma/migrations" },
  { kind: "PostgreSQL", schema: POSTGRES_SCHEMA, migrations: "prisma/postgresql/migrations" },
];

/** Runs `prisma migrate diff` from a migrations folder to its schema; returns [exit code, output]. */
function diff(folder, url, extra) {
  try {
    const out = execFileSync(
      process.execPath,
      [PRISMA, "migrate", "diff", "--from-migrations", folder.migrations, "--to-schema-datamodel", folder.schema, ...extra],
      { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return [0, out];
  } catch (error) {
    if (typeof error.status === "number" && error.status !== 1) return [error.status, String(error.stdout)];
    throw new Error(`prisma migrate diff (${folder.kind}) failed:\n${error.stderr || error.message}`);
  }
}

async function withDatabases(use) {
  const dir = mkdtempSync(path.join(tmpdir(), "front-door-migrations-"));
  const cluster = await startPostgres();
  try {
    const urls = { SQLite: `file:${path.join(dir, "scratch.db")}`, PostgreSQL: cluster.createDatabase("scratch") };
    return await use(urls);
  } finally {
    cluster.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const stamp = () => new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);

const [verb, name] = process.argv.slice(2);
if (verb === "new" && name && /^[a-z0-9_]+$/.test(name)) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  const id = `${stamp()}_${name}`;
  await withDatabases(async (urls) => {
    for (const folder of FOLDERS) {
      const [, sql] = diff(folder, urls[folder.kind], ["--script"]);
      if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
        console.info(`${folder.kind}: no change to migrate`);
        continue;
      }
      const file = path.join(folder.migrations, id, "migration.sql");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, sql);
      console.info(`${folder.kind}: wrote ${file}`);
    }
  });
} else if (verb === "check") {
  const wanted = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (readFileSync(POSTGRES_SCHEMA, "utf8") !== wanted) {
    console.error(`${POSTGRES_SCHEMA} is not what ${SQLITE_SCHEMA} gives: run npm run db:migration -- <name>`);
    process.exit(1);
  }
  const failed = await withDatabases(async (urls) => {
    let drift = false;
    for (const folder of FOLDERS) {
      const [code, out] = diff(folder, urls[folder.kind], ["--exit-code"]);
      console.info(`${folder.kind}: ${folder.migrations} against ${folder.schema}: ${out.trim()}`);
      if (code !== 0) drift = true;
    }
    return drift;
  });
  if (failed) {
    console.error("A migrations folder does not reach its schema: run npm run db:migration -- <name>");
    process.exit(1);
  }
} else {
  console.error("usage: npm run db:migration -- <name_in_snake_case>\n       npm run db:check");
  process.exit(2);
}
