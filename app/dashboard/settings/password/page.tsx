import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { hasPassword } from "@/lib/account/profile";
import { env } from "@/lib/env";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { ChangePasswordForm } from "./change-password-form";
import { SetPasswordForm } from "./set-password-form";

const section = sectionAt("/dashboard/settings/password");
export const metadata: Metadata = { title: section.title };

export default async function ChangePasswordPage() {
  const { user } = await requireSession();
  const userInputs = [user.username, user.email];
  if (!(await hasPassword(user.id))) {
    return (
      <SectionCard
        title={section.title}
        description="You sign in through an identity provider and have no password yet. Set one to sign in with your email or username too (within ten minutes of signing in)."
      >
        <SetPasswordForm passwordMinLength={env.PASSWORD_MIN_LENGTH} userInputs={userInputs} />
      </SectionCard>
    );
  }
  return (
    <SectionCard title={section.title} description={section.summary}>
      <ChangePasswordForm passwordMinLength={env.PASSWORD_MIN_LENGTH} userInputs={userInputs} />
    </SectionCard>
  );
}
