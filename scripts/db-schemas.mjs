// One data model, two databases. prisma/schema.prisma (SQLite) is the one to edit; this writes
// prisma/postgresql/schema.prisma from it, since Prisma cannot switch provider at run time.
//   node scripts/db-schemas.mjs            writes the PostgreSQL schema (npm install does)
//   node scripts/db-schemas.mjs --check    exits 1 when it is not what the SQLite schema gives
import { readFileSync, writeFileSync } from "node:fs";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

const HEADER = `// Generated from prisma/schema.prisma by \`npm run db:migration\` (scripts/db-schemas.mjs):
// edit that file, never this one. The same models, on PostgreSQL.
`;

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchema(sqlite) {
  const replaced = sqlite
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace(/output(\s*)= "\.\.\/lib\/db\/generated"/, 'output$1= "../../lib/db/generated-postgresql"');
  if (!replaced.includes('provider = "postgresql"') || !replaced.includes("generated-postgresql")) {
    throw new Error(`${SQLITE_SCHEMA}: no sqlite datasource or client output to rewrite`);
  }
  return HEADER + replaced;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {}
    if (current !== wanted) {
      console.error(`${POSTGRES_SCHEMA} is out of date: run npm run db:migration -- <name> (or node scripts/db-schemas.mjs)`);
      process.exit(1);
    }
  } else {
    writeFileSync(POSTGRES_SCHEMA, wanted);
  }
}
