import type { Metadata } from "next";
import { StatusCard } from "@/components/status-card";
import { SIGN_IN_PATH } from "@/lib/auth/config";

export const metadata: Metadata = { title: "Sign in required" };

/**
 * HTTP 401 (unauthorized()). Protected pages redirect to sign-in instead, so nothing reaches
 * it today; it is here so that Next.js does not put its built-in one into every page's payload.
 */
export default function Unauthorized() {
  return <StatusCard title="Sign in required" text="Sign in to see this page." href={SIGN_IN_PATH} linkText="Sign in" />;
}
