import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/limits";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A self-contained server for hosts: scripts/bundle.mjs (npm run build) assembles dist/ from it.
  output: "standalone",
  // Paths the server builds from process.cwd() make the tracer copy whole folders: never data.
  outputFileTracingExcludes: { "*": ["mail-outbox/**", "prisma/*.db*", "e2e/**", "bench/**", "test-results/**", "dist/**"] },
  // Loaded by Node at run time: the hashing pool starts worker threads from a file on disk.
  serverExternalPackages: ["piscina"],
  // Render <title> in the document head rather than streaming it: Next.js's route announcer
  // reads document.title on navigation and would otherwise announce the page's h1 instead.
  htmlLimitedBots: /.*/,
  experimental: {
    // forbidden(): a signed-in non-admin gets HTTP 403 from every admin page and action.
    authInterrupts: true,
    // Large enough that an oversized field (a 1 MB password) reaches the schema and gets a
    // clear message instead of a bare rejected request.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
