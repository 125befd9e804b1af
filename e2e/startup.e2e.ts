import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { extraPort, DATABASE_URL } from "../playwright.config";

/** Starts the production server with the given settings and returns how it exited. */
function startWith(env: Record<string, string | undefined>, port: number, cwd = process.cwd()) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.resolve("scripts/server.mjs")], {
      cwd,
      env: { PATH: process.env.PATH, PORT: String(port), NODE_ENV: "production", DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("the server refuses to start without AUTH_SECRET, and says why", async () => {
  // Empty, not absent: Next.js would otherwise fill it from a developer's .env.local.
  const { code, output } = await startWith({ AUTH_SECRET: "" }, extraPort(8));
  expect(code).not.toBe(0);
  expect(output).toContain("AUTH_SECRET is required");
});

test("the server refuses to start with a short AUTH_SECRET or a bad setting, listing each problem", async () => {
  const { code, output } = await startWith({ AUTH_SECRET: "too-short", BCRYPT_COST: "99" }, extraPort(9));
  expect(code).not.toBe(0);
  expect(output).toContain("AUTH_SECRET must be at least 32 characters");
  expect(output).toContain("BCRYPT_COST must be between 10 and 14");
});

test("the server refuses to start without a production build, and says what to run", async () => {
  const empty = mkdtempSync(path.join(tmpdir(), "no-build-"));
  try {
    const { code, output } = await startWith({ AUTH_SECRET: "x".repeat(40) }, extraPort(8), empty);
    expect(code).toBe(1);
    expect(output).toContain("No production build found in .next: run `npm run build` first.");
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
