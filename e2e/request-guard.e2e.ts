import http from "node:http";
import type { APIRequestContext, Browser } from "@playwright/test";
import { extraPort } from "../playwright.config";
import { actionFields } from "./fixtures/actions";
import { startServer } from "./fixtures/server";
import { expect, test } from "./fixtures/test";

/**
 * Requests from an outside attack that the production server answered with a 500 (or read
 * without limit); scripts/request-guard.mjs now answers them before Next.js sees them.
 */

/** The sign-in action's id, as its no-JavaScript form names it. */
async function signInActionId(browser: Browser) {
  const descriptor = (await actionFields(browser, "/login")).find(([name]) => name.endsWith(":0"))![1];
  return (JSON.parse(descriptor) as { id: string }).id;
}

const BOUNDARY = "----request-guard-e2e";
const multipart = (parts: [string, string][], end = true) =>
  parts.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + (end ? `--${BOUNDARY}--\r\n` : "");

/** A sign-in action call as React's client sends it: the form's fields, then the arguments. */
const signInCall = multipart([["_1_identifier", "nobody"], ["_1_password", "wrong password"], ["0", '[{},"$K1"]']]);

/** Posts to the sign-in page as a fetch action from our own origin, with `headers` on top. */
async function postAction(request: APIRequestContext, browser: Browser, baseURL: string, { headers = {}, body = signInCall }: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await request.post("/login", {
    headers: { origin: baseURL, "next-action": await signInActionId(browser), "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    data: Buffer.from(body),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}

/**
 * Posts a body sent chunked, with no Content-Length (Playwright's request API always sends one),
 * and resolves with the answer even when the server stops reading early.
 */
function postChunked(url: string, headers: Record<string, string>, megabytes: number) {
  return new Promise<{ status: number; connection?: string }>((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode!, connection: response.headers.connection });
    });
    request.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let left = megabytes * 16;
    const write = () => {
      while (left-- > 0) if (!request.write(chunk)) return void request.once("drain", write);
      request.end();
    };
    write();
  });
}

test.describe("server-action posts from another origin are refused with 403, not a server error", () => {
  test("an Origin of another site", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { headers: { origin: "https://evil.example" } })).toEqual({ status: 403, text: "Forbidden\n" });
  });

  test("an empty Origin", async ({ request, browser, baseURL }) => {
    expect((await postAction(request, browser, baseURL!, { headers: { origin: "" } })).status).toBe(403);
  });

  test("an Origin that is not a URL", async ({ request, browser, baseURL }) => {
    expect((await postAction(request, browser, baseURL!, { headers: { origin: "not a url" } })).status).toBe(403);
  });

  test("an X-Forwarded-Host that does not match the Origin", async ({ request, browser, baseURL }) => {
    expect((await postAction(request, browser, baseURL!, { headers: { "x-forwarded-host": "evil.example" } })).status).toBe(403);
  });

  test("the same post from our own origin still reaches the action", async ({ request, browser, baseURL }) => {
    const answer = await postAction(request, browser, baseURL!);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("Invalid email/username or password");
  });
});

test("a chunked server-action body over 2 MB is refused with 413, not a server error", async ({ browser, baseURL, ip }) => {
  const headers = { origin: baseURL!, "next-action": await signInActionId(browser), "content-type": "text/plain;charset=UTF-8", "x-forwarded-for": ip };
  expect(await postChunked(`${baseURL}/login`, headers, 3)).toEqual({ status: 413, connection: "close" });
});

test.describe("server-action bodies Next.js cannot decode are refused with 400, not a server error", () => {
  const refused = { status: 400, text: "Bad Request\n" };

  test("a multipart body whose boundary is not the one in its header", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { headers: { "content-type": "multipart/form-data; boundary=another" } })).toEqual(refused);
  });

  test("a multipart body whose header has no boundary", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { headers: { "content-type": "multipart/form-data" } })).toEqual(refused);
  });

  test("a truncated multipart body", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { body: signInCall.slice(0, -40) })).toEqual(refused);
  });

  test("a text body that is not JSON", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { headers: { "content-type": "text/plain;charset=UTF-8" }, body: "not json" })).toEqual(refused);
  });

  test("a dangling reference: arguments that refer to a part that is not there", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { body: multipart([["0", '["$1"]']]) })).toEqual(refused);
  });

  test("arguments nested 5,000 deep", async ({ request, browser, baseURL }) => {
    expect(await postAction(request, browser, baseURL!, { body: multipart([["0", "[".repeat(5_000) + "]".repeat(5_000)]]) })).toEqual(refused);
  });

  test("a no-JavaScript form post whose bound arguments are missing", async ({ request, browser, baseURL }) => {
    const fields = (await actionFields(browser, "/login")).filter(([name]) => !name.endsWith(":1"));
    const response = await request.post("/login", { headers: { origin: baseURL! }, multipart: Object.fromEntries(fields), maxRedirects: 0 });
    expect(response.status()).toBe(400);
  });
});

test.describe("Auth.js endpoints no longer read bodies of any size: 10 MB is refused with 413", () => {
  test("sent chunked", async ({ baseURL, ip }) => {
    const headers = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip };
    expect(await postChunked(`${baseURL}/api/auth/signout`, headers, 10)).toEqual({ status: 413, connection: "close" });
  });

  test("sent with a Content-Length", async ({ request }) => {
    const response = await request.post("/api/auth/signout", { data: Buffer.alloc(10 * 1024 * 1024, "a"), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(response.status()).toBe(413);
  });
});

test("with no proxy in front (TRUST_PROXY=0), a client's X-Forwarded-Proto: https gets no HSTS and no Secure cookies", async ({ request }) => {
  // The suite's own servers trust one proxy, so there the same header does turn HSTS on
  // (e2e/security-headers.e2e.ts).
  const port = extraPort(10);
  const server = await startServer(port, { TRUST_PROXY: "0" });
  try {
    const claimsHttps = { "x-forwarded-proto": "https", "x-forwarded-host": `localhost:${port}` };
    const page = await request.get(`http://localhost:${port}/login`, { headers: claimsHttps });
    expect(page.status()).toBe(200);
    expect(page.headers()["strict-transport-security"]).toBeUndefined();
    expect(page.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    const csrf = await request.get(`http://localhost:${port}/api/auth/csrf`, { headers: claimsHttps });
    const cookies = csrf.headersArray().filter(({ name }) => name.toLowerCase() === "set-cookie").map(({ value }) => value);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).not.toMatch(/^__(Secure|Host)-/);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
  } finally {
    server.stop();
  }
});
