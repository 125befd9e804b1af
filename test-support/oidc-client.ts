/** The app's client at the end-to-end tests' OpenID Connect server (test-support/oidc-server.ts). */
export const OIDC_CLIENT = { id: "front-door-e2e", secret: "front-door-e2e-secret-0123456789" };
