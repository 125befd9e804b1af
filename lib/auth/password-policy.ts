import "server-only";

/**
 * Passwords people can guess, refused at sign-up and whenever a password is set (NIST SP
 * 800-63B 3.1.1.2: no composition rules, but no known-breached, dictionary or context
 * passwords). The list is the ~49,000 most common passwords from leaked sets that ships with
 * zxcvbn-ts, loaded once into a Set.
 */
let common: Promise<Set<string>> | undefined;
const commonPasswords = () =>
  (common ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"] as string[]),
  ));

export const COMMON_PASSWORD =
  "This password is too common: it appears in lists of leaked passwords. Choose something less predictable.";
export const CONTAINS_USERNAME = "Your password must not contain your username.";
export const CONTAINS_EMAIL = "Your password must not contain your email address.";

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };
const unleet = (value: string) => value.replace(/[013457@$!]/g, (c) => LEET[c]!);

/** Forms of a password an attacker's list would try: as typed, de-leeted, and without a trailing suffix of up to six digits or symbols. */
function variants(password: string): string[] {
  const lower = password.normalize("NFKC").toLowerCase();
  const forms = new Set([lower, unleet(lower)]);
  for (const form of [...forms]) {
    const base = form.replace(/[^\p{L}]{1,6}$/u, "");
    if (base.length >= 4) forms.add(base);
  }
  return [...forms];
}

/** Why a password is refused for this user, or null when it may be used. */
export async function passwordProblem(
  password: string,
  user: { username: string | null; email: string },
): Promise<string | null> {
  const forms = variants(password);
  const list = await commonPasswords();
  if (forms.some((form) => list.has(form))) return COMMON_PASSWORD;

  const username = (user.username ?? "").normalize("NFKC").toLowerCase();
  if (username.length >= 3 && forms.some((form) => form.includes(username))) return CONTAINS_USERNAME;

  const email = user.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  if (local.length >= 3 && forms.some((form) => form.includes(local) || form.includes(email))) return CONTAINS_EMAIL;
  return null;
}
