import type { Metadata } from "next";
import { StatusCard } from "@/components/status-card";

export const metadata: Metadata = { title: "Page not found" };

/**
 * HTTP 404, for an address that leads nowhere (and notFound()). Being at the root, it is also
 * the only not-found boundary: Next.js gives a route group with no fallback of its own the
 * built-in one, which every page of the group then carried in its payload.
 */
export default function NotFound() {
  return (
    <StatusCard
      title="Page not found"
      text="This page could not be found. Check the address, or start again from the home page."
      href="/"
      linkText="Go to the home page"
    />
  );
}
