/**
 * The few settings the edge runtime reads (middleware.ts and the edge-safe Auth.js config in
 * lib/auth/config.ts), which cannot load lib/env.ts. The running server validates them with
 * every other setting at start-up (instrumentation.ts).
 */
export const edgeEnv = {
  AUTH_SECRET: process.env.AUTH_SECRET,
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST === "true" || process.env.AUTH_TRUST_HOST === "1",
};
