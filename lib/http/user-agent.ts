import { UAParser } from "ua-parser-js";

/** "Chrome 131 on Linux", or as much of it as the user agent tells. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = UAParser(userAgent);
  const name = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version && os.name !== "Linux" ? os.version : null].filter(Boolean).join(" ");
  if (name && system) return `${name} on ${system}`;
  // Not a browser it knows (curl, a script): its first product token says what it is.
  return name || system || userAgent.split(/\s/)[0]!.slice(0, 40) || "Unknown device";
}
