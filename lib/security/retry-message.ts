const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "N minutes" (or seconds, under a minute) for a wait, rounded up. */
function waitText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return seconds < 60 ? plural(seconds, "second") : plural(Math.ceil(seconds / 60), "minute");
}

/** "Too many attempts. Try again in N minutes." with the real time left. */
export const tooManyAttempts = (retryAfterMs: number) => `Too many attempts. Try again in ${waitText(retryAfterMs)}.`;

export const tooManySignUps = (retryAfterMs: number) =>
  `Too many accounts were created from your network. Try again in ${waitText(retryAfterMs)}.`;

export const tooManyMails = (retryAfterMs: number) => `Too many emails sent. Try again in ${waitText(retryAfterMs)}.`;
