import type { Metadata } from "next";
import { hasPassword } from "@/lib/account/profile";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { ChangeEmailForm } from "./change-email-form";

const section = sectionAt("/dashboard/settings/email");
export const metadata: Metadata = { title: section.title };

export default async function ChangeEmailPage() {
  const { user } = await requireSession();
  return (
    <SectionCard
      title={section.title}
      description={
        <>
          Currently <span className="font-medium text-foreground break-all">{user.email}</span>. {section.summary}
        </>
      }
    >
      <ChangeEmailForm needsPassword={await hasPassword(user.id)} />
    </SectionCard>
  );
}
