// @ts-check
// The per-request Content-Security-Policy and HSTS, set by scripts/server.mjs (through the
// request guard) on every response, before Next.js sees the request. Next.js reads the nonce
// from the request's CSP header and puts it on its own scripts. Doing this here, rather than
// in middleware, costs a random number and a string per request instead of a run of the
// middleware on every page (measured: a fifth to a quarter of a public page's CPU).
import { randomBytes } from "node:crypto";

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets Next.js's own chunks
 * load); development adds 'unsafe-eval' for React's debugging tools and the dev server's
 * websocket.
 * @param {string} nonce
 * @param {{ dev: boolean, https: boolean }} options
 */
export function contentSecurityPolicy(nonce, { dev, https }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ` 'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

// Random bytes are drawn 4 KB at a time, as Node.js's randomUUID does: one call into the
// system's CSPRNG for 256 nonces instead of one each (it was 0.6 % of a page's CPU time).
const NONCE_BYTES = 16;
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** 16 bytes from the CSPRNG, base64: never the same bytes twice. */
export function newNonce() {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += NONCE_BYTES;
  return pool.toString("base64", offset - NONCE_BYTES, offset);
}

/**
 * A fresh nonce for this request: the CSP goes on the request (for Next.js) and on the
 * response, and HSTS too when the request came over HTTPS. Call it after the forwarded
 * headers are trusted (trustForwardedHeaders), so that only a trusted proxy's
 * X-Forwarded-Proto says HTTPS.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ dev: boolean }} options
 */
export function setSecurityHeaders(req, res, { dev }) {
  const https = isHttps(req);
  const csp = contentSecurityPolicy(newNonce(), { dev, https });
  req.headers["content-security-policy"] = csp;
  res.setHeader("content-security-policy", csp);
  if (https) res.setHeader("strict-transport-security", HSTS);
}

/** @param {import("node:http").IncomingMessage} req */
const isHttps = (req) =>
  ("encrypted" in req.socket && Boolean(req.socket.encrypted)) || req.headers["x-forwarded-proto"] === "https";
