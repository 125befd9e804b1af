import type { Metadata } from "next";
import { StatusCard } from "@/components/status-card";

export const metadata: Metadata = { title: "No access" };

/** HTTP 403, for a signed-in person on a page their role does not open (forbidden()). */
export default function Forbidden() {
  return <StatusCard title="No access" text="You do not have access to this page." href="/dashboard" linkText="Back to your dashboard" />;
}
