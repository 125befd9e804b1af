// Serves the production build for the end-to-end tests: the first server starts from an
// empty throwaway database (migrated, never pushed): a SQLite file it makes anew, or the
// empty PostgreSQL database `npm run test:pg` made for the run. Others share it.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const [port, flag] = process.argv.slice(2);
const url = process.env.DATABASE_URL;

if (flag !== "--no-migrate") {
  if (url.startsWith("file:")) {
    const dbFile = url.replace(/^file:/, "");
    mkdirSync(path.dirname(dbFile), { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  }
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { stdio: "inherit" });
}

const server = spawn(process.execPath, ["scripts/server.mjs"], { stdio: "inherit", env: { ...process.env, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
