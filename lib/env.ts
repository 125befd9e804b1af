import "server-only";
import { parseEnv } from "./env-schema";

// `next build` evaluates server modules to collect page data; runtime secrets are neither
// needed nor present then. The running server validates every setting when it starts
// (instrumentation.ts) and again here, on first import.
const building = process.env.NEXT_PHASE === "phase-production-build";
const BUILD_ONLY_SECRET = "not-a-secret-only-used-while-next-build-runs";

/** Settings, read and validated once. Import this instead of reading process.env. */
export const env = parseEnv(
  building
    ? {
        ...process.env,
        AUTH_SECRET: process.env.AUTH_SECRET || BUILD_ONLY_SECRET,
        AUTH_URL: process.env.AUTH_URL || "http://localhost:3000",
      }
    : process.env,
);
