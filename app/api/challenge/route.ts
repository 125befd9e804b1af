import type { NextRequest } from "next/server";
import { createLimiter } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { tooManyRequests } from "@/lib/http/too-many-requests";
import { CHALLENGE_PURPOSES, type ChallengePurpose, newChallenge } from "@/lib/security/proof-of-work";

export const dynamic = "force-dynamic";

// Challenges are cheap to make, but each one is a database row when redeemed: cap the rate.
const perIp = createLimiter({ keyPrefix: "challenge:ip", points: 60, duration: 60 });

/** GET /api/challenge?purpose=signup|signin: a fresh proof-of-work challenge (JSON). */
export async function GET(request: NextRequest) {
  const purpose = request.nextUrl.searchParams.get("purpose");
  if (!CHALLENGE_PURPOSES.includes(purpose as ChallengePurpose)) {
    return Response.json({ error: "purpose must be signup or signin" }, { status: 400 });
  }
  try {
    await perIp.consume(clientIp(request.headers, env.TRUST_PROXY));
  } catch (rejection) {
    return tooManyRequests(rejection);
  }
  const challenge = await newChallenge(purpose as ChallengePurpose);
  return Response.json(challenge, { headers: { "cache-control": "no-store" } });
}
