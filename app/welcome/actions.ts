"use server";

import { redirect } from "next/navigation";
import { chooseUsername } from "@/lib/account/choose-username";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import type { FormState } from "@/lib/forms/form-state";
import { validatedActionWithSession } from "@/lib/forms/validated-action";
import { welcomeSchema } from "@/lib/validation/auth";

export type WelcomeState = FormState<"username">;

export const chooseUsernameAction = validatedActionWithSession(
  { schema: welcomeSchema, fields: ["username"], keep: ["username"], allowWithoutUsername: true },
  async ({ username }, { session, formData }): Promise<WelcomeState> => {
    const result = await chooseUsername(session.user.id, username);
    if (!result.ok) return { fieldErrors: { username: result.username } };
    redirect(safeCallbackUrl(formData.get("callbackUrl")));
  },
);
