// The PostgreSQL test pass (npm run test:pg) and benchmark start a throwaway cluster from
// Debian's PostgreSQL server (test-support/pg-cluster.mjs). Installs it when missing and
// allowed to (root with apt-get), without the system cluster Debian would otherwise start;
// else explains.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";

const ROOT = "/usr/lib/postgresql";
const present = () =>
  (process.env.PG_BIN && existsSync(`${process.env.PG_BIN}/initdb`)) ||
  (existsSync(ROOT) && readdirSync(ROOT).some((version) => existsSync(`${ROOT}/${version}/bin/initdb`)));
if (present()) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (!canInstall) {
  console.error(
    "PostgreSQL's server was not found under /usr/lib/postgresql.\n" +
      "Install it (Debian/Ubuntu: sudo apt-get install -y postgresql) or set PG_BIN to the folder holding initdb and pg_ctl.",
  );
  process.exit(1);
}
console.log("Installing Debian's PostgreSQL server for the PostgreSQL tests…");
const conf = "/etc/postgresql-common/createcluster.conf";
if (!existsSync(conf)) {
  mkdirSync("/etc/postgresql-common", { recursive: true });
  writeFileSync(conf, "create_main_cluster = false\n");
}
const apt = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
execFileSync("apt-get", ["update", "-qq"], apt);
execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], apt);
if (!present()) {
  console.error("apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql");
  process.exit(1);
}
