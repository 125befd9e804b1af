import type * as React from "react";
import { requireSession } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requireSession();
  return <div className="grid gap-8">{children}</div>;
}
