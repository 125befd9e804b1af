import type { $ZodError } from "zod/v4/core";
import { asText } from "@/lib/validation/text";

/** What a server action returns to its form: errors per field, a form-wide error, and the
 *  non-secret values to show again when the browser runs without JavaScript. */
export type FormState<Field extends string> = {
  fieldErrors?: Partial<Record<Field, string>>;
  formError?: string;
  values?: Partial<Record<Field, string>>;
  /** A success message to show in the form (for forms that stay on the page). */
  notice?: string;
  /** The next post must carry a solved proof-of-work challenge. */
  challenge?: boolean;
};

/** The form field that carries a solved proof-of-work challenge (browser and server). */
export const CHALLENGE_FIELD = "altcha";

/** Longest value echoed back into a form; anything longer is invalid anyway. */
const ECHO_LIMIT = 256;

/**
 * Reads the named fields from a form post. Only the first value of a repeated field counts,
 * and anything that is not text (a file) is treated as missing. A server action can be called
 * by a script with any argument, so anything but FormData reads as an empty form; lone UTF-16
 * surrogates (which no browser form sends, and the database refuses) become U+FFFD.
 */
export function readFields<Field extends string>(formData: unknown, names: readonly Field[]) {
  const fields = {} as Record<Field, string | undefined>;
  const form = formData instanceof FormData ? formData : null;
  for (const name of names) {
    const value = form?.get(name);
    fields[name] = typeof value === "string" ? asText(value) : undefined;
  }
  return fields;
}

export function echoValues<Field extends string>(
  fields: Record<string, string | undefined>,
  names: readonly Field[],
): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (const name of names) values[name] = fields[name]?.slice(0, ECHO_LIMIT) ?? "";
  return values;
}

/** The first message for each field, as the form shows one message per field. */
export function fieldErrorsOf<Field extends string>(error: $ZodError): Partial<Record<Field, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors as Partial<Record<Field, string>>;
}
