// A throwaway PostgreSQL cluster for the PostgreSQL test pass and benchmark: made with initdb in
// a temp folder, on a free port, removed afterwards. As root it runs as the postgres user
// (PostgreSQL refuses to run as root). Plain ESM, so node runs it without a build step:
//   node test-support/pg-cluster.mjs run -- <command…>
// runs the command with E2E_DATABASE_URL set to an empty database on the cluster (and
// PG_ADMIN_URL to the cluster's postgres database, for making more), then removes the cluster.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Where initdb and pg_ctl are: PG_BIN, else the newest of Debian's /usr/lib/postgresql/<n>/bin. */
function binDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  if (versions.length === 0) {
    throw new Error("PostgreSQL's server was not found (Debian: apt-get install -y postgresql), or set PG_BIN to its bin folder");
  }
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a cluster. Returns its URLs, a way to make databases, and stop/restart.
 * @param {{ port?: number }} [options]
 */
export async function startPostgres({ port } = {}) {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "front-door-pg-"));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (command, args) =>
    execFileSync(asRoot ? "runuser" : path.join(bin, command), asRoot ? ["-u", "postgres", "--", path.join(bin, command), ...args] : args, {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const chosenPort = port ?? (await freePort());
  const options = `-p ${chosenPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "pg.log"), "-w", "start"]);
  const stop = (mode = "fast") => run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  start();

  const urlOf = (database) => `postgresql://postgres@127.0.0.1:${chosenPort}/${database}`;
  const psql = (sql, database = "postgres") =>
    execFileSync(path.join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", urlOf(database), "-c", sql], { encoding: "utf8" });
  return {
    port: chosenPort,
    dir,
    urlOf,
    psql,
    /** Makes an empty database (or a copy of `template`) and returns its URL. */
    createDatabase(name, template) {
      psql(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      return urlOf(name);
    },
    /** Stops the server and starts it again on the same port and data. */
    restart() {
      stop();
      start();
    },
    stopServer: (mode = "fast") => stop(mode),
    startServer: () => start(),
    /** Stops the server and removes every file of the cluster. */
    destroy() {
      try {
        stop("immediate");
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [verb, separator, command, ...args] = process.argv.slice(2);
  if (verb !== "run" || separator !== "--" || !command) {
    console.error("usage: node test-support/pg-cluster.mjs run -- <command…>");
    process.exit(2);
  }
  const cluster = await startPostgres();
  const url = cluster.createDatabase("front_door");
  console.info(`pg-cluster: PostgreSQL ${cluster.psql("SHOW server_version").trim()} on 127.0.0.1:${cluster.port}, E2E_DATABASE_URL=${url}`);
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, E2E_DATABASE_URL: url, PG_ADMIN_URL: cluster.urlOf("postgres") },
  });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => {
    cluster.destroy();
    process.exit(code ?? (signal ? 1 : 0));
  });
}
