import "server-only";
import * as z from "zod/mini";
import type { $ZodType } from "zod/v4/core";
import { type CurrentSession, requireAdmin, requireSession, type SessionInfo } from "@/lib/auth/session";
import { requestIp } from "@/lib/http/request-ip";
import { echoValues, fieldErrorsOf, type FormState, readFields } from "./form-state";

/** What a form action's handler gets besides the validated data. */
type ActionContext<Field extends string> = {
  formData: FormData;
  /** The non-secret values as typed, to show again (already in the returned state). */
  values: Partial<Record<Field, string>>;
  /** The client's address, for limits and logs. */
  ip: string;
};

type Options<Field extends string, Data> = {
  /** The form's schema: the same one the browser checks with (a factory when it takes settings). */
  schema: $ZodType<Data> | (() => $ZodType<Data>);
  /** The fields the form posts. */
  fields: readonly Field[];
  /** Those safe to send back into the form: never a password or a token. */
  keep?: readonly Field[];
};

/**
 * A form's server action: for useActionState (previous state, then the post), or straight as a
 * <form action> (the post alone) for forms that show no answer of their own.
 */
export type FormAction<Field extends string> = {
  (formData: FormData): Promise<void>;
  (state: FormState<Field>, formData: FormData): Promise<FormState<Field>>;
};

const postOf = (first: unknown, second: unknown) => (second === undefined && first instanceof FormData ? first : second);

/**
 * A server action for a form: reads the fields from the post (anything but FormData reads as
 * an empty form), validates them with the form's schema and answers with this project's form
 * state: a message per field, the non-secret values kept. Only valid data reaches `handler`,
 * whose own answer keeps the typed values too unless it says otherwise.
 */
export function validatedAction<Field extends string, Data>(
  { schema, fields, keep = [] }: Options<Field, Data>,
  handler: (data: Data, context: ActionContext<Field>) => Promise<FormState<Field>>,
): FormAction<Field> {
  return (async (first: unknown, second?: unknown) => {
    const formData = postOf(first, second);
    const read = readFields(formData, fields);
    const values = echoValues(read, keep);
    const parsed = z.safeParse(typeof schema === "function" ? schema() : schema, read);
    if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
    const ip = await requestIp();
    const state = await handler(parsed.data, { formData: formData instanceof FormData ? formData : new FormData(), values, ip });
    return { values, ...state };
  }) as FormAction<Field>;
}

/**
 * The same for a signed-in person's form: the session is checked first (no session: off to
 * sign-in, before anything is read; no username yet: off to /welcome, unless the form is the
 * one that chooses it) and handed to `handler`.
 */
export function validatedActionWithSession<Field extends string, Data>(
  options: Options<Field, Data> & { allowWithoutUsername: true },
  handler: (data: Data, context: ActionContext<Field> & { session: SessionInfo }) => Promise<FormState<Field>>,
): FormAction<Field>;
export function validatedActionWithSession<Field extends string, Data>(
  options: Options<Field, Data> & { allowWithoutTwoFactor?: true },
  handler: (data: Data, context: ActionContext<Field> & { session: CurrentSession }) => Promise<FormState<Field>>,
): FormAction<Field>;
export function validatedActionWithSession<Field extends string, Data>(
  options: Options<Field, Data> & { allowWithoutUsername?: true; allowWithoutTwoFactor?: true },
  handler: (data: Data, context: ActionContext<Field> & { session: CurrentSession }) => Promise<FormState<Field>>,
): FormAction<Field> {
  return (async (first: unknown, second?: unknown) => {
    const session = (options.allowWithoutUsername
      ? await requireSession({ allowWithoutUsername: true })
      : await requireSession(options.allowWithoutTwoFactor ? { allowWithoutTwoFactor: true } : undefined)) as CurrentSession;
    return validatedAction(options, (data, context) => handler(data, { ...context, session }))({}, postOf(first, second) as FormData);
  }) as FormAction<Field>;
}

/**
 * The same for an admin's form: requireAdmin first (anyone else signed in gets HTTP 403 and
 * nothing is read or changed), then the form as above.
 */
export function validatedAdminAction<Field extends string, Data>(
  options: Options<Field, Data>,
  handler: (data: Data, context: ActionContext<Field> & { session: CurrentSession }) => Promise<FormState<Field>>,
): FormAction<Field> {
  return (async (first: unknown, second?: unknown) => {
    const session = await requireAdmin();
    return validatedAction(options, (data, context) => handler(data, { ...context, session }))({}, postOf(first, second) as FormData);
  }) as FormAction<Field>;
}
