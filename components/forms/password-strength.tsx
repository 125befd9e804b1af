"use client";

import { useEffect, useState } from "react";
import { cx } from "@/lib/class-names";

type Strength = { score: 0 | 1 | 2 | 3 | 4; feedback: string };
type Estimator = (password: string, userInputs: string[]) => Strength;

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const COLORS = ["bg-destructive", "bg-destructive", "bg-amber-500", "bg-success", "bg-success"] as const;

// The estimator and its dictionaries are large, so they load only on this page, on first use.
let estimatorPromise: Promise<Estimator> | null = null;
function loadEstimator(): Promise<Estimator> {
  estimatorPromise ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
    return (password, userInputs) => {
      const result = zxcvbn.check(password, userInputs.filter(Boolean));
      return {
        score: result.score,
        feedback: result.feedback.warning || result.feedback.suggestions[0] || "",
      };
    };
  });
  return estimatorPromise;
}

/** A live hint of how guessable the password is. Advice only: the schema decides validity. */
export function PasswordStrength({
  password = "",
  userInputs,
  minLength,
}: {
  password?: string;
  userInputs: (string | undefined)[];
  minLength: number;
}) {
  const [estimate, setEstimate] = useState<Strength | null>(null);
  const inputsKey = userInputs.join("\u0000");

  useEffect(() => {
    if (!password) {
      setEstimate(null);
      return;
    }
    let cancelled = false;
    loadEstimator().then((check) => {
      if (!cancelled) setEstimate(check(password, inputsKey.split("\u0000")));
    });
    return () => {
      cancelled = true;
    };
  }, [password, inputsKey]);

  if (!password || !estimate) return <span>At least {minLength} characters. A few unrelated words work well.</span>;
  return (
    <span className="grid gap-1.5" aria-live="polite">
      <span className="flex gap-1" aria-hidden>
        {[0, 1, 2, 3].map((i) => (
          <span
            key={i}
            className={cx("h-1.5 flex-1 rounded-full bg-muted", i < Math.max(1, estimate.score) && COLORS[estimate.score])}
          />
        ))}
      </span>
      <span>
        Strength: <strong className="font-medium text-foreground">{LABELS[estimate.score]}</strong>
        {estimate.feedback ? `. ${estimate.feedback}` : ""}
      </span>
    </span>
  );
}
