import { extraPort } from "../playwright.config";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

const FORGED = { level: 30, time: "2026-11-30T00:00:00.000Z", event: "signin.success", userId: "forged-victim", ip: "203.0.113.66" };

/** Every line the server printed that parses as JSON (the security log), parsed. */
const jsonLines = (server: ExtraServer) =>
  server.lines().flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return value && typeof value === "object" ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });

test.describe("finding 6: log forging through Auth.js's messages", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(14);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    server = await startServer(port, { LOG_LEVEL: "debug" });
  });
  test.afterAll(() => server?.stop());

  test("a request value with CR/LF and JSON in it cannot write a line of its own", async () => {
    const base = `http://localhost:${port}`;
    const payload = `x\r\n${JSON.stringify(FORGED)}\r\n\u001b[2J`;
    for (const path of ["/api/auth/error?error=", "/api/auth/signin/nowhere?error=", "/api/auth/callback/nowhere?code="]) {
      const response = await fetch(`${base}${path}${encodeURIComponent(payload)}`, { redirect: "manual" });
      expect(response.status).toBeLessThan(500);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));

    const lines = server!.lines();
    // Nothing a client sent became a security event, and no line holds a raw control character.
    expect(jsonLines(server!).filter((entry) => entry.userId === FORGED.userId)).toEqual([]);
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Auth.js did report what it saw, as one JSON line, with the value escaped inside it.
    expect(jsonLines(server!).some((entry) => String(entry.event).startsWith("auth.") && JSON.stringify(entry).includes("forged-victim"))).toBe(true);
  });
});
