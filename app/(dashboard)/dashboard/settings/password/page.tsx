import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { ChangePasswordForm } from "./change-password-form";

const section = sectionAt("/dashboard/settings/password");
export const metadata: Metadata = { title: section.title };

export default async function ChangePasswordPage() {
  const { user } = await requireSession();
  return (
    <SectionCard title={section.title} description={section.summary}>
      <ChangePasswordForm passwordMinLength={env.PASSWORD_MIN_LENGTH} userInputs={[user.username, user.email]} />
    </SectionCard>
  );
}
