import "server-only";
import { hkdfSync } from "node:crypto";
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { redeemChallenge } from "@/lib/db/used-challenges";
import { env } from "@/lib/env";

export const CHALLENGE_PURPOSES = ["signup", "signin"] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

export const CHALLENGE_FAILED = "We could not confirm this browser. Please try again.";

const ALGORITHM = "SHA-256";
const LIFETIME_MS = 10 * 60 * 1000;
const MAX_PAYLOAD = 4096;

// Two keys from AUTH_SECRET, so no extra setting is needed and the secret itself is not reused.
const secret = (label: string) =>
  Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", `front-door proof-of-work ${label}`, 32)).toString("hex");
let keys: { signature: string; key: string } | undefined;
const hmacKeys = () => (keys ??= { signature: secret("signature"), key: secret("key") });

/**
 * A signed ALTCHA challenge: the server picks a secret counter and the browser finds it by
 * trying SHA-256 over counters from zero (POW_MAX_NUMBER at most). The key signature lets the
 * server check an answer without redoing the work.
 */
export async function newChallenge(purpose: ChallengePurpose): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    counter: randomInt(env.POW_MAX_NUMBER, Math.floor(env.POW_MAX_NUMBER / 10)),
    deriveKey,
    data: { purpose },
    expiresAt: new Date(Date.now() + LIFETIME_MS),
    hmacSignatureSecret: hmacKeys().signature,
    hmacKeySignatureSecret: hmacKeys().key,
  });
}

type Payload = { challenge: Challenge; solution: Solution };

function decode(value: unknown): Payload | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_PAYLOAD) return null;
  try {
    const payload = JSON.parse(Buffer.from(value, "base64").toString("utf8")) as Payload;
    const ok =
      typeof payload?.challenge?.signature === "string" &&
      typeof payload.challenge.parameters === "object" &&
      payload.challenge.parameters !== null &&
      typeof payload.solution?.counter === "number" &&
      typeof payload.solution.derivedKey === "string";
    return ok ? payload : null;
  } catch {
    return null;
  }
}

/**
 * True for a solution to a challenge this server signed for `purpose`, not expired and not
 * used before (each solution is good for one request).
 */
export async function verifyChallenge(value: unknown, purpose: ChallengePurpose): Promise<boolean> {
  const payload = decode(value);
  if (!payload || payload.challenge.parameters.data?.purpose !== purpose) return false;
  let verified = false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: hmacKeys().signature,
      hmacKeySignatureSecret: hmacKeys().key,
    });
    verified = result.verified;
  } catch {
    return false;
  }
  if (!verified) return false;
  const expiresAt = new Date((payload.challenge.parameters.expiresAt ?? 0) * 1000);
  return redeemChallenge(payload.challenge.signature!, expiresAt);
}
