// One data model, two databases. prisma/schema.prisma (SQLite) is the one to edit; this writes
// prisma/postgresql/schema.prisma from it, since Prisma cannot switch provider at run time.
//   node scripts/db-schemas.mjs    writes the PostgreSQL schema (npm install does; npm run db:check
//                                  fails when the committed one is not what this gives)
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
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
}
