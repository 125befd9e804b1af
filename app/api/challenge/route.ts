import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { tooManyRequests } from "@/lib/http/too-many-requests";
import { challengeWait } from "@/lib/security/challenge-limit";
import { CHALLENGE_PURPOSES, type ChallengePurpose, newChallenge } from "@/lib/security/proof-of-work";

export const dynamic = "force-dynamic";

/** GET /api/challenge?purpose=signup|signin: a fresh proof-of-work challenge (JSON). */
export async function GET(request: NextRequest) {
  const purpose = request.nextUrl.searchParams.get("purpose");
  if (!CHALLENGE_PURPOSES.includes(purpose as ChallengePurpose)) {
    return Response.json({ error: "purpose must be signup or signin" }, { status: 400 });
  }
  const wait = await challengeWait(clientIp(request.headers, env.TRUST_PROXY));
  if (wait > 0) return tooManyRequests(wait);
  const challenge = await newChallenge(purpose as ChallengePurpose);
  return Response.json(challenge, { headers: { "cache-control": "no-store" } });
}
