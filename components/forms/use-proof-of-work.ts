"use client";

import type { Challenge } from "altcha-lib";
import { useCallback, useRef, useState } from "react";

type Solved = { payload: string; expiresAt: number; ms: number } | null;

/** Fetches a challenge and finds its answer with Web Crypto; null when that fails. */
async function solve(purpose: string): Promise<Solved> {
  try {
    const response = await fetch(`/api/challenge?purpose=${purpose}`, { cache: "no-store" });
    if (!response.ok) return null;
    const challenge = (await response.json()) as Challenge;
    // Loaded only when a challenge is needed, so the sign-in page does not carry the solver.
    const [{ solveChallenge }, { deriveKey }] = await Promise.all([
      import("altcha-lib"),
      import("altcha-lib/algorithms/web/sha"),
    ]);
    const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
    if (!solution) return null;
    return {
      payload: btoa(JSON.stringify({ challenge, solution })),
      expiresAt: (challenge.parameters.expiresAt ?? 0) * 1000,
      ms: solution.time ?? 0,
    };
  } catch {
    return null;
  }
}

/**
 * A proof of work solved in the background, ready before the user submits. Each answer is
 * good for one post: `take` hands it out and the next one starts after the server answers.
 */
export function useProofOfWork(purpose: "signup" | "signin") {
  const next = useRef<Promise<Solved> | null>(null);
  // Shown on the form as data-challenge / data-challenge-ms, for tests and for debugging.
  const [status, setStatus] = useState<{ state: "idle" | "solving" | "ready" | "failed"; ms?: number }>({ state: "idle" });

  const prepare = useCallback(() => {
    const solving = solve(purpose);
    next.current = solving;
    setStatus({ state: "solving" });
    solving.then((solved) => {
      if (next.current === solving) setStatus(solved ? { state: "ready", ms: Math.round(solved.ms) } : { state: "failed" });
    });
  }, [purpose]);

  const take = useCallback(async () => {
    let solved = await (next.current ?? solve(purpose));
    // Solved too long ago (the challenge lasts 10 minutes): solve a fresh one.
    if (solved && solved.expiresAt - Date.now() < 30_000) solved = await solve(purpose);
    next.current = null;
    return solved;
  }, [purpose]);

  return { prepare, take, status };
}
