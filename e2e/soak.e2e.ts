import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { extraPort } from "../playwright.config";
import { type ExtraServer, startServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

const COOKIE = "authjs.session-token";
const REQUESTS = 10_000;
const CONCURRENCY = 16;
/** Resident memory the server may reach during the soak (npm start caps its V8 heap at 192 MB). */
const RSS_BOUND_MB = 400;

test.describe("finding 1: out of memory after about 2,000 distinct session cookies", () => {
  // One server for the group: its tests run one after another in one worker, never two servers on one port.
  test.describe.configure({ mode: "default" });
  const port = extraPort(13);
  let server: ExtraServer | undefined;

  test.beforeAll(async () => {
    // The heap limits and malloc arenas of `npm start`, so a leak shows as the crash it causes in production.
    server = await startServer(port, { NODE_OPTIONS: "--max-old-space-size=192 --max-semi-space-size=8", MALLOC_ARENA_MAX: "4" });
  });
  test.afterAll(() => server?.stop());

  test("10,000 distinct junk and valid session cookies leave the server answering, its memory bounded", async () => {
    test.setTimeout(300_000);
    // Half junk, half tokens the server decodes: signed with its secret, for sessions it does not have.
    const valid = await Promise.all(
      Array.from({ length: REQUESTS / 2 }, () =>
        encode({
          secret: process.env.E2E_AUTH_SECRET!,
          salt: COOKIE,
          token: { sub: randomUUID(), sid: randomUUID(), signedInAt: Math.floor(Date.now() / 1000), remember: false },
        }),
      ),
    );
    const cookies = valid.flatMap((token) => [token, randomBytes(300).toString("base64url")]);

    const base = `http://localhost:${port}`;
    const rssBefore = server!.rssMb();
    let rssPeak = rssBefore;
    const statuses = new Map<number, number>();
    let next = 0;
    const client = async () => {
      while (next < cookies.length) {
        const cookie = cookies[next++]!;
        const response = await fetch(`${base}/`, { headers: { cookie: `${COOKIE}=${cookie}` } });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (next % 500 === 0) rssPeak = Math.max(rssPeak, server!.rssMb());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    rssPeak = Math.max(rssPeak, server!.rssMb());

    console.log(`soak: ${REQUESTS} cookies, RSS ${rssBefore.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB`);
    test.info().annotations.push({ type: "RSS MB before / peak", description: `${rssBefore.toFixed(0)} / ${rssPeak.toFixed(0)}` });
    // Every request got a page, as an anonymous visitor: none crashed the server or failed.
    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS });
    expect(server!.alive()).toBe(true);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(rssPeak).toBeLessThan(RSS_BOUND_MB);
    expect(server!.lines().join("\n")).not.toContain("heap out of memory");
  });
});
