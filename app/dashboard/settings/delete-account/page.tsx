import type { Metadata } from "next";
import { hasPassword } from "@/lib/account/profile";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { DeleteAccountForm } from "./delete-account-form";

const section = sectionAt("/dashboard/settings/delete-account");
export const metadata: Metadata = { title: section.title };

export default async function DeleteAccountPage() {
  const { user } = await requireSession();
  return (
    <SectionCard title={section.title} description="This removes your account and all its data at once. It cannot be undone." danger>
      <DeleteAccountForm username={user.username} needsPassword={await hasPassword(user.id)} />
    </SectionCard>
  );
}
