"use client";

import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import { type DefaultValues, type FieldValues, type Path, type Resolver, useForm } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";
import { CHALLENGE_FIELD, type FormState } from "@/lib/forms/form-state";
import { useProofOfWork } from "./use-proof-of-work";

/**
 * Binds a zod schema, react-hook-form and a server action: the browser validates with the
 * same schema first, then posts to the action, whose field errors land on the same fields.
 * Without JavaScript the form posts natively and the server's answer renders the errors.
 * The schema (and zod with it) is loaded when the visitor first focuses the form, not with
 * the page: it is a fifth of the page's JavaScript and nobody needs it before typing.
 * With `challenge`, a proof of work is solved in the background and sent with the post
 * whenever the server asks for one (or from the start, with `fromStart`).
 */
export function useActionForm<Input extends FieldValues, Output extends FieldValues>({
  schema,
  action,
  defaultValues,
  secretFields,
  challenge,
}: {
  /** Loads the form's schema, e.g. `() => import("@/lib/validation/auth").then((m) => m.signInSchema)`. */
  schema: () => Promise<$ZodType<Output, Input>>;
  action: (state: FormState<string>, formData: FormData) => Promise<FormState<string>>;
  defaultValues: DefaultValues<Input>;
  /** Cleared after every answer from the server. */
  secretFields: Path<Input>[];
  challenge?: { purpose: "signup" | "signin"; fromStart: boolean };
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [solving, setSolving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const loadResolver = useLazyResolver<Input, Output>(schema);
  const form = useForm<Input, unknown, Output>({
    resolver: async (values, context, options) => (await loadResolver())(values, context, options),
    mode: "onTouched",
    defaultValues,
  });
  useEffect(() => {
    const element = formRef.current;
    element?.addEventListener("focusin", loadResolver, { once: true });
    return () => element?.removeEventListener("focusin", loadResolver);
  }, [loadResolver]);
  const proofOfWork = useProofOfWork(challenge?.purpose ?? "signin");
  const { prepare } = proofOfWork;
  const needsChallenge = Boolean(challenge && (challenge.fromStart || state.challenge));

  // Start solving as soon as a challenge is needed, and again after each answer (each
  // solution is good for one post).
  useEffect(() => {
    if (needsChallenge) prepare();
  }, [needsChallenge, state, prepare]);

  useEffect(() => {
    if (!state.fieldErrors && !state.formError) return;
    for (const field of secretFields) form.resetField(field);
    let focused = false;
    for (const [field, message] of Object.entries(state.fieldErrors ?? {})) {
      if (!message) continue;
      form.setError(field as Path<Input>, { type: "server", message }, { shouldFocus: !focused });
      focused = true;
    }
    // secretFields and form are stable; only a new answer from the server should run this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const onSubmit = form.handleSubmit(async () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    if (needsChallenge) {
      setSolving(true);
      const solved = await proofOfWork.take();
      setSolving(false);
      if (solved) data.set(CHALLENGE_FIELD, solved.payload);
    }
    startTransition(() => formAction(data));
  });

  /** The error to show for a field: the browser's check, else the server's (no-JS posts). */
  const errorFor = (field: Path<Input>) => {
    const message = form.formState.errors[field]?.message;
    if (typeof message === "string") return message;
    return form.formState.isSubmitted ? undefined : state.fieldErrors?.[field];
  };

  const { status } = proofOfWork;
  /** Attributes for the <form>: where the background challenge stands. */
  const challengeAttributes = needsChallenge
    ? { "data-challenge": status.state, "data-challenge-ms": status.ms }
    : {};

  return { form, state, formRef, formAction, onSubmit, pending: pending || solving, errorFor, challengeAttributes };
}

/**
 * The zod resolver for a schema that is imported on demand, loaded once. If loading fails
 * (say the network dropped), the form goes without the browser's check this time: the
 * server validates every post anyway.
 */
function useLazyResolver<Input extends FieldValues, Output extends FieldValues>(
  schema: () => Promise<$ZodType<Output, Input>>,
) {
  const loading = useRef<Promise<Resolver<Input, unknown, Output>>>(null);
  // The loader is read once, on first use: forms pass a new arrow function every render.
  const loader = useRef(schema);
  return useCallback(() => {
    loading.current ??= Promise.all([loader.current(), import("@hookform/resolvers/zod")])
      .then(([loaded, { zodResolver }]) => zodResolver(loaded) as Resolver<Input, unknown, Output>)
      .catch(() => {
        loading.current = null;
        return (values: Input) => ({ values: values as unknown as Output, errors: {} });
      });
    return loading.current;
  }, []);
}
