import "server-only";
import { randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { cookies } from "next/headers";
import { createPasskey, findPasskey, listPasskeys, passkeyUsed, saveChallenge, takeChallenge } from "@/lib/db/passkeys";
import { findUserById } from "@/lib/db/users";
import { env } from "@/lib/env";
import { APP_NAME } from "@/lib/site";
import { appOrigin } from "./links";

/**
 * Passkeys (WebAuthn): discoverable credentials with user verification required, for the
 * relying party named by AUTH_URL's host. Each ceremony's challenge is made here, kept in the
 * database for 5 minutes under a random id that only this browser holds (an HttpOnly cookie),
 * and used once.
 */
const CHALLENGE_COOKIE = "webauthn-challenge";
const CHALLENGE_MS = 5 * 60_000;

const relyingParty = () => ({ origin: appOrigin(), rpID: new URL(appOrigin()).hostname });

async function rememberChallenge(challenge: string, purpose: "register" | "authenticate", userId: string | null) {
  const id = randomBytes(24).toString("base64url");
  await saveChallenge({ id, challenge, purpose, userId, expires: new Date(Date.now() + CHALLENGE_MS) });
  (await cookies()).set(CHALLENGE_COOKIE, id, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    maxAge: CHALLENGE_MS / 1000,
    secure: env.AUTH_URL?.startsWith("https:") ?? false,
  });
}

/** This browser's challenge for `purpose` (and user), taken out so it cannot be used again. */
async function takeOwnChallenge(purpose: "register" | "authenticate", userId: string | null) {
  const jar = await cookies();
  const id = jar.get(CHALLENGE_COOKIE)?.value;
  if (!id) return null;
  jar.delete(CHALLENGE_COOKIE);
  const row = await takeChallenge(id);
  if (!row || row.purpose !== purpose || row.expires.getTime() <= Date.now()) return null;
  if (purpose === "register" && row.userId !== userId) return null;
  return row;
}

/** Options for adding a passkey to this person's account. */
export async function registrationOptions(user: { id: string; username: string; email: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(user.id);
  const options = await generateRegistrationOptions({
    rpName: APP_NAME,
    rpID: relyingParty().rpID,
    userName: user.username,
    userDisplayName: user.username,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await rememberChallenge(options.challenge, "register", user.id);
  return options;
}

/** Checks the authenticator's answer and stores the new passkey under `name`. */
export async function registerPasskey(userId: string, name: string, response: RegistrationResponseJSON): Promise<boolean> {
  const challenge = await takeOwnChallenge("register", userId);
  if (!challenge) return false;
  const { origin, rpID } = relyingParty();
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) return false;
  const { credential, credentialBackedUp } = verification.registrationInfo;
  return createPasskey({
    id: credential.id,
    userId,
    name,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports?.join(",") ?? null,
    backedUp: credentialBackedUp,
  });
}

/**
 * Options for signing in with a passkey: no user named (discoverable credentials), or, for the
 * second step of a sign-in, only this user's passkeys.
 */
export async function authenticationOptions(userId: string | null = null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = userId ? await listPasskeys(userId) : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "required",
    allowCredentials: allow.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
  });
  await rememberChallenge(options.challenge, "authenticate", userId);
  return options;
}

/** The person a passkey answer signs in (both factors: possession and user verification), or null. */
export async function verifyPasskey(response: AuthenticationResponseJSON, onlyUserId: string | null = null) {
  const challenge = await takeOwnChallenge("authenticate", null);
  if (!challenge || (challenge.userId && challenge.userId !== onlyUserId)) return null;
  // A credential id is base64url; anything else (a script's post) matches no passkey.
  const passkey = typeof response?.id === "string" && /^[A-Za-z0-9_-]{1,1400}$/.test(response.id) ? await findPasskey(response.id) : null;
  if (!passkey || (onlyUserId && passkey.userId !== onlyUserId)) return null;
  const { origin, rpID } = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: transportsOf(passkey.transports) },
  }).catch(() => null);
  if (!verification?.verified) return null;
  if (!(await passkeyUsed(passkey.id, passkey.counter, verification.authenticationInfo.newCounter))) return null;
  const user = await findUserById(passkey.userId);
  return user && { id: user.id, username: user.username, email: user.email, locked: user.lockedAt !== null };
}

const transportsOf = (value: string | null) => (value ? (value.split(",") as AuthenticatorTransport[]) : undefined);
