import Provider from "oidc-provider";
import { OIDC_CLIENT } from "./oidc-client";

export type OidcServer = { issuer: string; close(): Promise<void> };

/**
 * A real OpenID Connect server for the end-to-end tests (oidc-provider, with its development
 * login and consent pages). Any login name signs in; the name decides the claims:
 * "<name>@<domain>" has that email, verified; "unverified.<name>@<domain>" has it unverified.
 * The preferred_username is the part before the @ (dots become underscores).
 */
export async function startOidcServer({ port, redirectUris }: { port: number; redirectUris: string[] }): Promise<OidcServer> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    cookies: { keys: ["front-door-e2e-oidc-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const unverified = id.startsWith("unverified.");
      const email = unverified ? id.slice("unverified.".length) : id;
      const local = email.split("@")[0] ?? email;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email,
            email_verified: !unverified,
            name: local.replace(/[._]/g, " "),
            preferred_username: local.replace(/[^A-Za-z0-9_]/g, "_"),
          };
        },
      };
    },
  });
  const server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
