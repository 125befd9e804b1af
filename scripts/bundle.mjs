// Runs after `next build` (npm run build): assembles dist/, a self-contained server a Node host
// runs as it is. Next.js's standalone output (the traced server code and node_modules it needs),
// plus its static files, our server scripts, the password-hashing worker, both schemas and
// migrations folders, prisma.config.ts with the adapters it loads, and the Prisma CLI (with its
// WebAssembly engines) that applies the migrations. On the host:
//   copy dist/ anywhere, set the environment (.env.example), run ./start
// which applies pending migrations and starts scripts/server.mjs.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const OUT = "dist";
const STANDALONE = ".next/standalone";

if (!existsSync(STANDALONE)) {
  console.error(`bundle: ${STANDALONE} is missing: next.config.ts must set output: "standalone", and next build run first`);
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
// verbatimSymlinks: .next/node_modules holds relative links to the external packages.
cpSync(STANDALONE, OUT, { recursive: true, verbatimSymlinks: true });
cpSync(".next/static", path.join(OUT, ".next/static"), { recursive: true });
if (existsSync("public")) cpSync("public", path.join(OUT, "public"), { recursive: true });

const files = [
  "scripts/server.mjs",
  "scripts/request-guard.mjs",
  "scripts/action-body.mjs",
  "scripts/security-headers.mjs",
  "scripts/cluster.mjs",
  "lib/auth/hash-worker.mjs",
  "prisma.config.ts",
  "lib/db/kind.ts",
  "lib/db/postgres-adapter.ts",
  "lib/db/sqlite-adapter.ts",
  "prisma/schema.prisma",
  "prisma/migrations",
  "prisma/postgresql",
  ".env.example",
];
for (const file of files) cpSync(file, path.join(OUT, file), { recursive: true });
// Next.js's own server.js is not how this app starts (scripts/server.mjs is).
rmSync(path.join(OUT, "server.js"), { force: true });
// Nothing of a developer's data, whatever the tracer found.
for (const data of ["mail-outbox", "prisma/dev.db", "prisma/dev.db-wal", "prisma/dev.db-shm"]) rmSync(path.join(OUT, data), { recursive: true, force: true });

/** Copies a package and, recursively, the packages it depends on (npm's flat node_modules). */
const copied = new Set();
function copyPackage(name) {
  if (copied.has(name)) return;
  copied.add(name);
  const dir = path.join("node_modules", name);
  if (!existsSync(path.join(dir, "package.json"))) throw new Error(`bundle: ${dir} is missing`);
  cpSync(dir, path.join(OUT, "node_modules", name), { recursive: true, dereference: true });
  const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  for (const dependency of Object.keys(dependencies)) copyPackage(dependency);
  for (const dependency of Object.keys(optionalDependencies)) {
    if (existsSync(path.join("node_modules", dependency, "package.json"))) copyPackage(dependency);
  }
}
// The packages the server loads from node_modules at run time (next.config.ts's
// serverExternalPackages and Next.js's own list), whole: the tracer keeps only the files it
// saw imported, and misses some (piscina's ESM entry, Prisma's query compilers). Then the
// Prisma CLI, which applies the migrations, and the adapters prisma.config.ts loads.
for (const name of ["piscina", "pino", "pg", "better-sqlite3", "@prisma/client", "bcryptjs", "prisma", "@prisma/adapter-pg", "@prisma/adapter-better-sqlite3"]) {
  copyPackage(name);
}
// Next.js's route runtime, which the instrumentation hook loads and the tracer misses.
cpSync("node_modules/next/dist/compiled/next-server", path.join(OUT, "node_modules/next/dist/compiled/next-server"), {
  recursive: true,
  filter: (file) => !file.endsWith(".map") && !file.includes(".dev."),
});

mkdirSync(OUT, { recursive: true });
writeFileSync(
  path.join(OUT, "start"),
  `#!/bin/sh
# Applies pending migrations to DATABASE_URL's database, then serves the app (PORT, default 3000).
# Settings: see .env.example. START_MODE=cluster runs one worker per core.
set -e
cd "$(dirname "$0")"
node node_modules/prisma/build/index.js migrate deploy
export NODE_OPTIONS="\${NODE_OPTIONS:---max-old-space-size=192 --max-semi-space-size=8}"
export MALLOC_ARENA_MAX="\${MALLOC_ARENA_MAX:-4}"
if [ "\${START_MODE:-}" = cluster ]; then exec node scripts/cluster.mjs; fi
exec node scripts/server.mjs
`,
);
chmodSync(path.join(OUT, "start"), 0o755);
console.info(`bundle: ${OUT}/ is ready (copy it to the host, set the environment, run ./start)`);
