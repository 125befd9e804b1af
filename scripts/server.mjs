// The production server: Next.js's request handler behind a plain Node HTTP server, so that
// the client's address can be taken from the socket. Next.js fills X-Forwarded-For from the
// socket only when a request has none, which would let any client choose its own address
// (and escape per-IP limits). Here the header is rewritten on every request:
//   TRUST_PROXY=0 (default): X-Forwarded-For is replaced by the socket address, and the
//   client's X-Forwarded-Proto/Host/Port are dropped;
//   TRUST_PROXY=N: the socket address is appended, and lib/http/client-ip.ts takes the entry
//   N places from the end (the address the outermost trusted proxy saw).
// Every request then passes scripts/request-guard.mjs before Next.js sees it (which also sets
// the CSP nonce and HSTS: scripts/security-headers.mjs).
// `npm start` runs this file; scripts/cluster.mjs runs it in each worker; `npm run dev` runs it
// with --dev (Next.js's development server), so development sends the same headers.
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { createRequestGuard } from "./request-guard.mjs";

function builtConfig() {
  try {
    return JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config;
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    console.error("No production build found in .next: run `npm run build` first.");
    process.exit(1);
  }
}

export async function startServer({ port, hostname, dev = false }) {
  process.env.NODE_ENV = dev ? "development" : "production";
  // Tells lib/http/client-ip.ts that X-Forwarded-For was rewritten by this server.
  process.env.FRONT_DOOR_SERVER = "1";
  const trustProxy = Number(process.env.TRUST_PROXY) || 0;
  const { default: next } = await import("next");
  const require = createRequire(import.meta.url);
  let config;
  if (dev) {
    // `npm run dev`: Next.js's development server behind the same guard and headers.
    const { default: loadConfig } = require("next/dist/server/config");
    config = await loadConfig(require("next/constants").PHASE_DEVELOPMENT_SERVER, process.cwd());
  } else {
    // Serve with the configuration as `next build` resolved it, the way Next.js's own standalone
    // server does. Otherwise it compiles next.config.ts again at start-up, which loads its
    // native compiler: 25 MB of memory in every process, for nothing.
    config = builtConfig();
    process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
  }
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  // After prepare: it validates the settings (LOG_LEVEL among them) and lists what is wrong.
  await app.prepare();
  // The limit Next.js was built with (next.config.ts), read the way Next.js reads it.
  const parseBytes = require("next/dist/compiled/bytes").parse;
  const actionBodyLimit = parseBytes(config.experimental?.serverActions?.bodySizeLimit ?? "1 MB");
  const guard = createRequestGuard({ trustProxy, dev, actionBodyLimit });
  const server = http.createServer(async (req, res) => {
    answerOutagesWith503(res);
    if (server.draining) {
      // Shutting down: a request on a connection kept alive is turned away, and the connection closed.
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", connection: "close", "retry-after": "1" });
      res.end("The server is restarting. Please try again in a moment.\n");
      return;
    }
    if (await guard(req, res)) handle(req, res);
  });
  // Longer than the usual proxy idle timeout (60 s), so the proxy closes idle connections first.
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(port, hostname, resolve));
  return server;
}

/**
 * A request that failed because the database could not be reached (PostgreSQL restarting, a
 * failover: lib/db/postgres-adapter.ts keeps the flag) is answered 503 with Retry-After, not
 * 500: the error page is the same, but clients, proxies and monitors learn it is temporary.
 */
function answerOutagesWith503(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    if (status >= 500 && status !== 503 && globalThis.__frontDoorDatabaseUnreachable) {
      res.setHeader("retry-after", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
}

/** How long requests under way get to finish after SIGTERM, before the process gives up on them. */
const DRAIN_MS = 8000;

/**
 * On SIGTERM or SIGINT: stop taking connections, let the requests under way finish (new ones
 * on kept-alive connections get 503), close the database, and exit 0 — within 10 seconds
 * (exit 1 if requests were still running after DRAIN_MS).
 */
export function closeOnSignal(server) {
  const drain = () => {
    if (server.draining) return;
    server.draining = true;
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const giveUp = setTimeout(() => {
      console.error(`server: requests still running ${DRAIN_MS / 1000} s after the signal; exiting`);
      process.exit(1);
    }, DRAIN_MS);
    server.close(async () => {
      clearInterval(idle);
      clearTimeout(giveUp);
      // The app's database connection (lib/db/client.ts): SQLite checkpoints its WAL and closes.
      await globalThis.__frontDoorCloseDatabase?.();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", drain);
  process.on("SIGINT", drain);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT) || 3000;
  const hostname = process.env.HOSTNAME || "0.0.0.0";
  const server = await startServer({ port, hostname, dev: process.argv.includes("--dev") });
  closeOnSignal(server);
  console.log(`Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
}
