import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { createProviderUser, linkProviderAccount } from "@/lib/db/accounts";
import { prisma } from "@/lib/db/client";
import { normalizeEmail } from "@/lib/validation/auth";

/**
 * @auth/prisma-adapter, with the two writes that must follow this app's rules: a person who
 * comes through an identity provider starts without a username (chosen on /welcome), with the
 * email marked verified only when the provider said so (lib/auth/provider-sign-in.ts admits
 * no one else); and a linked account keeps no access, refresh or ID token.
 */
export function appAdapter(): Adapter {
  return {
    ...PrismaAdapter(prisma),
    async createUser(user) {
      const created = await createProviderUser({
        email: normalizeEmail(user.email),
        emailVerified: user.emailVerifiedByProvider ? new Date() : null,
        name: user.name ?? null,
        image: user.image ?? null,
      });
      return created as AdapterUser;
    },
    async linkAccount({ userId, type, provider, providerAccountId }) {
      await linkProviderAccount({ userId, type, provider, providerAccountId });
    },
  };
}
