// The little of oidc-provider (a test dependency) that test-support/oidc-server.ts uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  type Claims = Record<string, unknown> & { sub: string };
  type Configuration = {
    clients: Record<string, unknown>[];
    pkce?: { required: () => boolean };
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    features?: Record<string, unknown>;
    findAccount(ctx: unknown, id: string): Promise<{ accountId: string; claims(): Promise<Claims> }>;
  };

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host?: string): Server;
  }
}
