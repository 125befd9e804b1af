import { normalizeEmail, usernameKey } from "@/lib/validation/auth";

/** What the sign-in field names: an email if it has an @, else a username. */
export const lookupFor = (identifier: string) =>
  identifier.includes("@") ? { email: normalizeEmail(identifier) } : { usernameKey: usernameKey(identifier) };
