import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseKind } from "./lib/db/kind";
import { PostgresMigrateAdapterFactory } from "./lib/db/postgres-adapter";
import { SqliteAdapterFactory } from "./lib/db/sqlite-adapter";

// A prisma.config.ts turns off Prisma's own .env loading; load ours the way Next.js does.
for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}
process.env.DATABASE_URL ??= "file:./prisma/dev.db";
const url = process.env.DATABASE_URL;

// One schema and one migrations folder per database (see prisma/schema.prisma); DATABASE_URL
// picks which, for every command (migrate deploy, migrate status, migrate diff…).
const folder = databaseKind(url) === "postgresql" ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    return databaseKind(url) === "postgresql" ? new PostgresMigrateAdapterFactory(url) : new SqliteAdapterFactory(url);
  },
});
