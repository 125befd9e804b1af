import type * as React from "react";
import { DashboardBreadcrumb } from "@/components/dashboard-breadcrumb";
import { configuredProviders } from "@/lib/auth/providers";
import { sectionsFor } from "./sections";
import { SettingsNav } from "./settings-nav";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-6">
      <DashboardBreadcrumb page="Settings" />
      <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
      <div className="grid items-start gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
        <SettingsNav sections={sectionsFor({ providers: configuredProviders().length })} />
        <div className="grid max-w-2xl gap-6">{children}</div>
      </div>
    </div>
  );
}
