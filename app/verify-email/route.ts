import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { openEmailLink } from "@/lib/account/verify-email";
import { getCurrentSession } from "@/lib/auth/session";
import { type FlashCode, setFlash } from "@/lib/flash";

export const dynamic = "force-dynamic";

const FLASH: Record<Awaited<ReturnType<typeof openEmailLink>>, FlashCode> = {
  verified: "email-verified",
  "email-changed": "email-changed",
  "email-taken": "email-taken",
  invalid: "link-invalid",
  expired: "link-expired",
};

/**
 * GET /verify-email?token=…: the link in a verify-email or change-email message. Opening it
 * does the change (the secret in the link is the proof) and says so on the next page.
 */
export async function GET(request: NextRequest) {
  const session = await getCurrentSession();
  const current = session && { userId: session.user.id, sessionId: session.sessionId };
  const outcome = await openEmailLink(request.nextUrl.searchParams.get("token"), current);
  await setFlash(FLASH[outcome]);
  // An email change ends the account's other sessions, never the one opening the link.
  redirect(session ? "/dashboard" : "/login");
}
