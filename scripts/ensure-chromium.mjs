// The end-to-end tests drive Debian's Chromium (Playwright's own browser download needs the
// internet). Installs it when missing and allowed to (root with apt-get), else explains.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);

const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (!canInstall) {
  console.error(
    `Chromium was not found at ${path}.\n` +
      "Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.",
  );
  process.exit(1);
}
console.log("Installing Debian's chromium for the end-to-end tests…");
const apt = { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
execFileSync("apt-get", ["update", "-qq"], apt);
execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], apt);
