"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { confirmWithPassword } from "@/lib/account/current-password";
import { runAdminAction } from "@/lib/admin/users";
import { setFlash } from "@/lib/flash";
import type { FormState } from "@/lib/forms/form-state";
import { validatedAdminAction } from "@/lib/forms/validated-action";
import { adminActionSchema, confirmPasswordSchema } from "@/lib/validation/admin";

export type ConfirmState = FormState<"currentPassword">;
export type AdminActionState = FormState<"userId" | "action" | "confirmUsername">;

/** "Confirm" with the admin's password: admin actions open for ten minutes. */
export const confirmAdminPasswordAction = validatedAdminAction(
  { schema: confirmPasswordSchema, fields: ["currentPassword"] },
  async ({ currentPassword }, { session, ip }): Promise<ConfirmState> => {
    const result = await confirmWithPassword(session, currentPassword, ip);
    if (!result.ok) return result.state;
    revalidatePath("/admin", "layout");
    return { notice: "Confirmed. Admin actions are open for 10 minutes." };
  },
);

/** One of the buttons on /admin/users/<id>; what it does is lib/admin/users.ts's runAdminAction. */
export const adminUserAction = validatedAdminAction(
  { schema: adminActionSchema, fields: ["userId", "action", "confirmUsername"] },
  async ({ userId, action, confirmUsername }, { session, ip }): Promise<AdminActionState> => {
    const result = await runAdminAction(session, action, userId, { confirmUsername }, ip);
    if (!result.ok) return result.state;
    await setFlash(result.done);
    redirect(action === "delete" ? "/admin/users" : `/admin/users/${userId}`);
  },
);
