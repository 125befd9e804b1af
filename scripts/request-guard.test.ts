import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import captured from "./fixtures/form-posts.json";
import { API_BODY_LIMIT_BYTES, createLogger, createRequestGuard, originProblem } from "./request-guard.mjs";

const ACTION_LIMIT = 2 * 1024 * 1024;

describe("the Origin of a server-action post", () => {
  const host = "app.example:3000";
  it.each([
    ["our own origin", { origin: `http://${host}`, host }, null],
    ["our own origin behind a proxy that names the host", { origin: "https://app.example", host: "10.0.0.5:3000", "x-forwarded-host": "app.example" }, null],
    ["another origin", { origin: "https://evil.example", host }, "cross-origin"],
    ["an opaque origin (null)", { origin: "null", host }, "bad-origin"],
    ["an empty Origin", { origin: "", host }, "bad-origin"],
    ["an unparsable Origin", { origin: "not a url", host }, "bad-origin"],
    ["an Origin without a host", { origin: "file:///etc", host }, "bad-origin"],
    ["an X-Forwarded-Host that does not match", { origin: `http://${host}`, host, "x-forwarded-host": "evil.example" }, "cross-origin"],
    ["no Origin at all", { host }, "missing-origin"],
  ])("%s", (_, headers, reason) => {
    expect(originProblem(headers)).toEqual(reason && { status: 403, reason });
  });
});

type Seen = { body: Buffer; headers: http.IncomingHttpHeaders };

/** A server with the guard in front of a stand-in for Next.js that reads the body as Next.js does. */
async function guarded({ trustProxy = 0 } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
    "info",
  );
  const seen: Seen[] = [];
  const guard = createRequestGuard({ actionBodyLimit: ACTION_LIMIT, trustProxy, logger });
  const server = http.createServer(async (req, res) => {
    if (!(await guard(req, res))) return;
    // Next.js reads route-handler bodies by async iteration, right away (requestToBodyStream),
    // and action bodies through Readable.toWeb.
    const chunks: Buffer[] = [];
    if (req.url?.startsWith("/api/")) for await (const chunk of req) chunks.push(chunk);
    else chunks.push(Buffer.from(await new Response(Readable.toWeb(req) as ReadableStream).arrayBuffer()));
    seen.push({ body: Buffer.concat(chunks), headers: { ...req.headers } });
    res.end("handled");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, lines, seen };
}
const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** Sends a request; a body given as chunks goes out chunked, with no Content-Length. */
function send(port: number, path: string, { method = "POST", headers = {}, body, chunks }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request({ port, host: "127.0.0.1", path, method, headers: { host: `localhost:${port}`, ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text }));
    });
    request.on("error", reject);
    if (body !== undefined) request.setHeader("content-length", Buffer.byteLength(body));
    const parts = chunks ?? (body === undefined ? [] : [Buffer.from(body)]);
    (async () => {
      for (const part of parts) if (!request.write(part)) await new Promise((r) => request.once("drain", r));
      request.end();
    })().catch(() => {});
  });
}

const megabytes = (n: number) => Array.from({ length: n * 16 }, () => Buffer.alloc(64 * 1024, "a"));

describe("the request guard in front of Next.js", () => {
  it("hands Next.js the very bytes of a real form post, readable again as a stream", async () => {
    const { port, seen } = await guarded();
    const post = captured.posts.find((p) => p.name.startsWith("sign-up form") && p.nextAction)!;
    const answer = await send(port, "/signup", { headers: { origin: `http://localhost:${port}`, "content-type": post.contentType, "next-action": "x" }, body: post.body });
    expect(answer.text).toBe("handled");
    expect(seen[0]!.body.equals(Buffer.from(post.body))).toBe(true);
  });

  it("gives every request a fresh CSP nonce, on the request for Next.js and on the response, and HSTS only over trusted HTTPS", async () => {
    const direct = await guarded();
    const first = await send(direct.port, "/login", { method: "GET", headers: { "x-forwarded-proto": "https" } });
    const second = await send(direct.port, "/login", { method: "GET" });
    const nonce = (csp: unknown) => String(csp).match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})' 'strict-dynamic'/)?.[1];
    expect(nonce(first.headers["content-security-policy"])).toBeDefined();
    expect(direct.seen.map((s) => s.headers["content-security-policy"])).toEqual([first.headers["content-security-policy"], second.headers["content-security-policy"]]);
    expect(nonce(first.headers["content-security-policy"])).not.toBe(nonce(second.headers["content-security-policy"]));
    expect(first.headers["content-security-policy"]).not.toContain("unsafe-eval");
    // With no proxy in front, a client's own X-Forwarded-Proto is dropped: no HSTS.
    expect(first.headers["strict-transport-security"]).toBeUndefined();
    const proxied = await guarded({ trustProxy: 1 });
    const https = await send(proxied.port, "/api/health", { method: "GET", headers: { "x-forwarded-proto": "https" } });
    expect(https.headers["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(https.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("refuses an /api body over the cap while it streams in, closes the connection and logs one line", async () => {
    const { port, lines, seen } = await guarded({ trustProxy: 1 });
    const answer = await send(port, "/api/auth/signin/credentials?token=secret", { headers: { "x-forwarded-for": "203.0.113.7" }, chunks: megabytes(10) });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.text).toBe("Payload Too Large\n");
    expect(seen).toHaveLength(0);
    expect(lines).toEqual([
      expect.objectContaining({ event: "request.refused", status: 413, reason: "body-too-large", method: "POST", path: "/api/auth/signin/credentials", ip: "203.0.113.7" }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("secret");
  });

  it("refuses an /api body whose Content-Length is over the cap before reading it, and passes small ones on", async () => {
    const { port, seen } = await guarded();
    expect((await send(port, "/api/auth/signout", { body: Buffer.alloc(API_BODY_LIMIT_BYTES + 1) })).status).toBe(413);
    for (let i = 0; i < 3; i++) expect((await send(port, "/api/auth/signout", { body: `csrfToken=${i}` })).text).toBe("handled");
    expect(seen.map(({ body }) => String(body))).toEqual(["csrfToken=0", "csrfToken=1", "csrfToken=2"]);
  });

  it("refuses a chunked body over the action limit with 413, from a server action or not", async () => {
    const { port, seen } = await guarded();
    const answer = await send(port, "/login", { headers: { origin: `http://localhost:${port}`, "next-action": "x", "content-type": "text/plain" }, chunks: megabytes(3) });
    expect(answer.status).toBe(413);
    expect((await send(port, "/login", { method: "PUT", chunks: megabytes(3) })).status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it("refuses a cross-origin action with 403 before reading its body, and a malformed one with 400", async () => {
    const { port, lines } = await guarded();
    const headers = { "next-action": "x", "content-type": "text/plain" };
    const foreign = await send(port, "/login", { headers: { ...headers, origin: "https://evil.example" }, body: "[]" });
    expect([foreign.status, foreign.headers.connection]).toEqual([403, "close"]);
    const malformed = await send(port, "/login", { headers: { ...headers, origin: `http://localhost:${port}` }, body: "not json" });
    expect([malformed.status, malformed.headers.connection]).toEqual([400, "keep-alive"]);
    expect(lines.map((line) => line.reason)).toEqual(["cross-origin", "not-json"]);
  });

  it("tells the app the address asked for (X-Request-Path), without _rsc and whatever the client claimed", async () => {
    const { port, seen } = await guarded();
    await send(port, "/dashboard/settings?tab=1&_rsc=abc", { method: "GET", headers: { "x-request-path": "/elsewhere" } });
    await send(port, "/dashboard", { method: "GET" });
    expect(seen.map((s) => s.headers["x-request-path"])).toEqual(["/dashboard/settings?tab=1", "/dashboard"]);
  });

  it("with no proxy (TRUST_PROXY=0), drops the client's X-Forwarded-Proto, Host and Port and sets X-Forwarded-For from the socket", async () => {
    const { port, seen } = await guarded({ trustProxy: 0 });
    const forged = { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-forwarded-port": "443", "x-forwarded-for": "203.0.113.7" };
    await send(port, "/api/health", { method: "POST", headers: forged, body: "x" });
    expect(seen[0]!.headers).toMatchObject({ "x-forwarded-for": "127.0.0.1" });
    expect(seen[0]!.headers).not.toHaveProperty("x-forwarded-proto");
    expect(seen[0]!.headers).not.toHaveProperty("x-forwarded-host");
    expect(seen[0]!.headers).not.toHaveProperty("x-forwarded-port");
  });

  it("behind a trusted proxy (TRUST_PROXY=1), keeps what the proxy says and appends the socket address", async () => {
    const { port, seen } = await guarded({ trustProxy: 1 });
    await send(port, "/api/health", { method: "POST", headers: { "x-forwarded-proto": "https", "x-forwarded-host": "app.example", "x-forwarded-for": "203.0.113.7" }, body: "x" });
    expect(seen[0]!.headers).toMatchObject({ "x-forwarded-proto": "https", "x-forwarded-host": "app.example", "x-forwarded-for": "203.0.113.7, 127.0.0.1" });
  });
});
