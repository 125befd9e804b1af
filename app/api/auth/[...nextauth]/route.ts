import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { keepBrowserSessionCookie } from "@/lib/auth/session-cookie";

export const POST = handlers.POST;

/** Auth.js re-issues the session cookie on /api/auth/session; keep "Remember me" off as it was. */
export async function GET(request: NextRequest) {
  return keepBrowserSessionCookie(request, await handlers.GET(request));
}
