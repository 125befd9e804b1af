// @ts-check
// The request guard: scripts/server.mjs runs it on every request before Next.js. It answers
// with a 4xx what Next.js would otherwise answer with a 500 or read without limit:
// - forwarded headers are trusted only from the proxies TRUST_PROXY says are there;
// - every response gets a request id, the per-request CSP nonce and (over HTTPS) HSTS;
// - bodies are capped: 64 KB on /api/* (Auth.js reads bodies of any size), the server-action
//   limit elsewhere;
// - server-action posts must come from our own origin and decode: the body is buffered,
//   checked the way Next.js and React will read it (scripts/action-body.mjs), and handed on
//   byte for byte.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import { STATUS_CODES } from "node:http";
import { Readable } from "node:stream";
import pino from "pino";
import { actionBodyProblem } from "./action-body.mjs";
import { setSecurityHeaders } from "./security-headers.mjs";

const require = createRequire(import.meta.url);
// Next.js's own test, so that the guard takes for a server action exactly what Next.js will.
/** @type {(req: { method: string, headers: import("node:http").IncomingHttpHeaders }) => { isFetchAction: boolean, isMultipartAction: boolean, isURLEncodedAction: boolean }} */
const actionMetadata = require("next/dist/server/lib/server-action-request-meta").getServerActionRequestMetadata;

/** Largest body an /api/* route gets; Auth.js posts are small forms. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;
/** How long a refused request's unread body is still taken in (and dropped) before closing. */
const LINGER_MS = 2_000;

/** @typedef {{ status: 400 | 403 | 413, reason: string }} Refusal */
/** @typedef {import("node:http").IncomingMessage} Request */
/** @typedef {import("node:http").ServerResponse} Response */

/**
 * Makes the X-Forwarded-* headers say only what a trusted proxy said. X-Forwarded-For is
 * rewritten on every request (lib/http/client-ip.ts picks the entry TRUST_PROXY places from
 * the end); with no proxy (TRUST_PROXY=0) the client's own X-Forwarded-Proto/Host/Port are
 * dropped, so middleware.ts and Auth.js never take a client's word for HTTPS or the host.
 * Next.js fills them in again from the socket and the Host header.
 * @param {Request} req
 * @param {number} trustProxy
 */
export function trustForwardedHeaders(req, trustProxy) {
  const socketAddress = req.socket.remoteAddress ?? "";
  const chain = [req.headers["x-forwarded-for"] ?? []].flat().join(", ");
  req.headers["x-forwarded-for"] = trustProxy > 0 && chain ? `${chain}, ${socketAddress}` : socketAddress;
  if (trustProxy === 0) {
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-port"];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Names the request: the id a trusted proxy gave it (X-Request-Id), else a new one. It goes
 * on the request, for the app's logs (instrumentation.ts logs errors with it), and on the
 * response, for whoever has to find those logs again; the error page shows it too.
 * @param {Request} req
 * @param {Response} res
 * @param {number} trustProxy
 */
export function assignRequestId(req, res, trustProxy) {
  const given = req.headers["x-request-id"];
  const id = trustProxy > 0 && typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  req.headers["x-request-id"] = id;
  res.setHeader("x-request-id", id);
}

/**
 * Tells the app which address was asked for (X-Request-Path: path and query, without Next.js's
 * `_rsc` cache-buster), whatever the client sent under that name. Pages read no URL of their
 * own: requireSession needs it to send someone whose session has ended to sign-in and back.
 * @param {Request} req
 */
export function assignRequestPath(req) {
  let path = "/";
  try {
    const url = new URL(req.url ?? "/", "http://localhost");
    url.searchParams.delete("_rsc");
    path = url.pathname + url.search;
  } catch {
    // An unparsable address gets Next.js's 400; sign-in then goes back to the dashboard.
  }
  req.headers["x-request-path"] = path;
}

/**
 * @param {{ actionBodyLimit: number, trustProxy: number, dev?: boolean, logger?: import("pino").Logger }} options
 * @returns {(req: Request, res: Response) => Promise<boolean>} true: hand the request to Next.js
 */
export function createRequestGuard({ actionBodyLimit, trustProxy, dev = false, logger = createLogger() }) {
  /** @param {Request} req @param {Response} res @param {Refusal} refusal @param {boolean} bodyRead */
  function refuse(req, res, { status, reason }, bodyRead) {
    const ip = clientAddress(req, trustProxy);
    const requestId = req.headers["x-request-id"];
    logger.info({ event: "request.refused", status, reason, method: req.method, path: pathOf(req.url).slice(0, 200), ip, requestId }, "request.refused");
    const text = `${STATUS_CODES[status]}\n`;
    res.writeHead(status, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // The rest of the body will not be read: the connection cannot be used again.
      ...(bodyRead ? {} : { connection: "close" }),
    });
    if (bodyRead || req.readableEnded) {
      res.end(text);
      return false;
    }
    // Closing a connection the client is still sending on resets it, and the client can lose
    // this answer with it: let the client see it, dropping what keeps coming, for a moment.
    res.write(text);
    const close = () => {
      clearTimeout(timer);
      res.end();
    };
    const timer = setTimeout(close, LINGER_MS);
    req.once("end", close).once("close", close).resume();
    return false;
  }

  return async function guard(req, res) {
    try {
      return await check(req, res);
    } catch (error) {
      logger.error({ event: "request.guard_failed", err: error, method: req.method, path: pathOf(req.url).slice(0, 200) }, "request.guard_failed");
      if (!res.headersSent) res.writeHead(500, { connection: "close" });
      res.end();
      return false;
    }
  };

  /** @param {Request} req @param {Response} res */
  async function check(req, res) {
    trustForwardedHeaders(req, trustProxy);
    assignRequestId(req, res, trustProxy);
    assignRequestPath(req);
    setSecurityHeaders(req, res, { dev });
    const path = pathOf(req.url);
    const api = path === "/api" || path.startsWith("/api/");
    // Of a page's bodies only server actions' are read, yet Next.js buffers up to 10 MB of any
    // body for middleware; Auth.js reads /api/auth bodies whole.
    const limit = api ? API_BODY_LIMIT_BYTES : actionBodyLimit;
    const kind = !api && req.method === "POST" ? actionKind(req.headers) : null;
    const declared = Number(req.headers["content-length"] ?? 0);
    if (!kind && !(declared > 0 || req.headers["transfer-encoding"])) return true;
    if (declared > limit) return refuse(req, res, TOO_LARGE, false);
    if (kind) {
      const foreign = originProblem(req.headers);
      if (foreign) return refuse(req, res, foreign, false);
    }
    const body = await readBody(req, limit);
    if (body === "aborted") return false;
    if (body === "too-large") return refuse(req, res, TOO_LARGE, false);
    if (kind) {
      const problem = await actionBodyProblem(kind, req.headers["content-type"] ?? "", body);
      if (problem) return refuse(req, res, problem, true);
    }
    replaceRequestBody(req, body);
    return true;
  }
}

/**
 * The security log's settings (lib/log.ts), for plain Node: one JSON line per event on stdout.
 * @param {import("pino").DestinationStream} [destination]
 */
export const createLogger = (destination = undefined, level = process.env.LOG_LEVEL || "info") =>
  pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);

/** @type {Refusal} */
const TOO_LARGE = { status: 413, reason: "body-too-large" };

/** The path Next.js routes on (dot segments resolved, as Next.js does), without the query, which may hold a token. */
function pathOf(url = "/") {
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return "(unparsable)";
  }
}

/** @param {Request} req @param {number} trustProxy */
function clientAddress(req, trustProxy) {
  const chain = String(req.headers["x-forwarded-for"]).split(",").map((entry) => entry.trim());
  const address = chain[Math.max(0, chain.length - 1 - trustProxy)] ?? "";
  return isIP(address) ? address : "unknown";
}

/**
 * How Next.js will read the body, or null when it will not treat the request as a server
 * action. A Next-Action header makes a "fetch" action (multipart read by busboy, anything else
 * but a URL-encoded form read as text); a multipart post without one may be a no-JavaScript
 * form post of an action, read by the Fetch API's formData().
 * @param {import("node:http").IncomingHttpHeaders} headers of a POST
 * @returns {"fetch-multipart" | "fetch-text" | "form-multipart" | null}
 */
export function actionKind(headers) {
  const { isFetchAction, isMultipartAction, isURLEncodedAction } = actionMetadata({ method: "POST", headers });
  if (isURLEncodedAction) return null;
  if (isFetchAction) return isMultipartAction ? "fetch-multipart" : "fetch-text";
  return isMultipartAction ? "form-multipart" : null;
}

/**
 * Next.js's CSRF rule for server actions, as a 403 instead of its 500: the Origin's host must be
 * the X-Forwarded-Host (first entry) when there is one, else the Host. Next.js lets a post
 * without Origin through; here it is refused: every browser sends Origin on a POST (Chrome,
 * Safari, Firefox since 70), so a post without one is a script, which can add it, or a browser
 * too old to tell a cross-site form post from our own.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @returns {Refusal | null}
 */
export function originProblem(headers) {
  const origin = headers.origin;
  if (origin === undefined) return { status: 403, reason: "missing-origin" };
  let host;
  try {
    const url = new URL(origin);
    if (url.protocol === "http:" || url.protocol === "https:") host = url.host;
  } catch {}
  if (!host) return { status: 403, reason: "bad-origin" };
  const forwarded = [headers["x-forwarded-host"]].flat()[0]?.split(",")[0]?.trim();
  return host === (forwarded || headers.host) ? null : { status: 403, reason: "cross-origin" };
}

/**
 * Reads the whole body, or stops at `limit` bytes and leaves the rest unread.
 * @param {Request} req
 * @param {number} limit
 * @returns {Promise<Buffer | "too-large" | "aborted">}
 */
function readBody(req, limit) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve("too-large");
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("close", () => resolve("aborted"));
  });
}

/**
 * Gives the request back the body read from it, the way Next.js replays a buffered body
 * (replaceRequestBody in next/dist/server/body-streams.js): the state and methods of a plain
 * Readable, not a Duplex, so that no writable-side state lands on the request. The bytes are
 * pushed only when the request is first read: pushed into the Readable itself, they would
 * make it emit "readable" as itself, to listeners that expect the request.
 * @param {Request} req
 * @param {Buffer} body
 */
function replaceRequestBody(req, body) {
  const replay = new Readable({
    read() {
      this.push(body);
      this.push(null);
    },
  });
  const target = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (req));
  for (const key in replay) {
    const value = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (replay))[key];
    target[key] = typeof value === "function" ? value.bind(req) : value;
  }
}
