/**
 * The few settings middleware.ts (a bundle of its own, run before protected pages) and the
 * light half of the Auth.js config in lib/auth/config.ts read, without loading lib/env.ts and
 * its schema. The running server validates them with every other setting at start-up
 * (instrumentation.ts).
 */
export const edgeEnv = {
  AUTH_SECRET: process.env.AUTH_SECRET,
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST === "true" || process.env.AUTH_TRUST_HOST === "1",
};
