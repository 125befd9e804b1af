import { availableParallelism } from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { Piscina } from "piscina";
import { env } from "@/lib/env";
import { PASSWORD_MAX_BYTES, utf8Length } from "@/lib/validation/auth";

/**
 * Password hashing. bcrypt silently ignores bytes past 72, so longer passwords are refused
 * here as well as in the schemas: a 73-byte password must never match its 72-byte prefix.
 * Passwords are not pre-hashed (OWASP advises against it).
 */
export class PasswordTooLongError extends Error {
  constructor() {
    super(`Password exceeds ${PASSWORD_MAX_BYTES} bytes`);
  }
}

/**
 * bcrypt runs on a pool of worker threads, one per core by default (HASH_THREADS), so that
 * sign-ins use every core and never stall other requests on the event loop.
 */
const globalForPool = globalThis as unknown as { hashPool?: Piscina };
function pool(): Piscina {
  if (!globalForPool.hashPool) {
    const threads = env.HASH_THREADS ?? availableParallelism();
    globalForPool.hashPool = new Piscina({
      // A plain module outside the bundle: worker threads load it straight from disk.
      filename: path.join(process.cwd(), "lib", "auth", "hash-worker.mjs"),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }
  return globalForPool.hashPool;
}

const runHash = (password: string, cost: number): Promise<string> =>
  pool().run({ password, cost }, { name: "hash" });
const runCompare = (password: string, hash: string): Promise<boolean> =>
  pool().run({ password, hash }, { name: "compare" });

function assertHashable(password: string) {
  if (utf8Length(password) > PASSWORD_MAX_BYTES) throw new PasswordTooLongError();
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  assertHashable(password);
  return runHash(password, cost);
}

type VerifyResult = { ok: boolean; needsRehash: boolean };

/**
 * Compares a password with a stored hash. With no stored hash (unknown user, or an account
 * without a password) it compares against a dummy hash of the same cost, so the answer takes
 * the same time whether or not the account exists.
 */
export async function verifyPassword(
  password: string,
  storedHash: string | null | undefined,
  cost: number,
): Promise<VerifyResult> {
  assertHashable(password);
  if (!storedHash) {
    await runCompare(password, await dummyHash(cost));
    return { ok: false, needsRehash: false };
  }
  const ok = await runCompare(password, storedHash);
  return { ok, needsRehash: ok && bcrypt.getRounds(storedHash) !== cost };
}

const dummyHashes = new Map<number, Promise<string>>();

/** A hash of a random password at the given cost, made once per cost and kept. */
export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = runHash(crypto.randomUUID(), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
