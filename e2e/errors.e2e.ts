import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { extraPort } from "../playwright.config";
import { unmigratedDatabase } from "./fixtures/db";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("every response carries its own X-Request-Id, and a client cannot choose it", async ({ request, baseURL }) => {
  const responses = await Promise.all([
    request.get("/login"),
    request.get("/dashboard", { maxRedirects: 0 }),
    request.get("/api/health"),
    request.get("/icon.svg"),
    request.post("/login", { headers: { origin: "https://evil.example", "next-action": "x" }, data: "[]" }),
  ]);
  const ids = responses.map((response) => response.headers()["x-request-id"]);
  expect(responses.map((r) => r.status())).toEqual([200, 307, 200, 200, 403]);
  for (const id of ids) expect(id).toMatch(UUID);
  expect(new Set(ids).size).toBe(ids.length);
  // The test servers trust one proxy, which may name the request: the app keeps that name...
  const named = await request.get(`${baseURL}/login`, { headers: { "x-request-id": "proxy-given.42" } });
  expect(named.headers()["x-request-id"]).toBe("proxy-given.42");
  // ...but not a name that would be unsafe to log.
  const forged = await request.get(`${baseURL}/login`, { headers: { "x-request-id": "a b;c\"d" } });
  expect(forged.headers()["x-request-id"]).toMatch(UUID);
});

test.describe("an unexpected error on the server (here: a database nobody migrated)", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(15);
  let server: ExtraServer | undefined;
  let dir = "";

  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "front-door-unmigrated-"));
    server = await startServer(port, { DATABASE_URL: await unmigratedDatabase(dir), TRUST_PROXY: "0" });
  });
  test.afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("is logged once with the request id, and the page shows that id as a reference to quote", async ({ page }) => {
    const response = await page.goto(`http://localhost:${port}/login?token=secret-in-the-query`);
    expect(response!.status()).toBe(500);
    const id = response!.headers()["x-request-id"]!;
    expect(id).toMatch(UUID);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.getByTestId("error-reference")).toHaveText(id);

    await expect.poll(() => server!.lines().filter((line) => line.includes(id)).length).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    const logged = server!.lines().filter((line) => line.includes(id));
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0]!);
    expect(entry).toMatchObject({ event: "request.error", requestId: id, method: "GET", path: "/login" });
    expect(logged[0]).not.toContain("secret-in-the-query");
  });
});
