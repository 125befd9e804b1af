import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { SqliteAdapterFactory } from "./lib/db/sqlite-adapter";

// A prisma.config.ts turns off Prisma's own .env loading; load ours the way Next.js does.
for (const file of [".env.local", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}
process.env.DATABASE_URL ??= "file:./prisma/dev.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new SqliteAdapterFactory(process.env.DATABASE_URL!);
  },
});
