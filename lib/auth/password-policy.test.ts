import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD, CONTAINS_EMAIL, CONTAINS_USERNAME, passwordProblem } from "./password-policy";

const user = { username: "Marguerite_7", email: "marguerite.d@example.com" };

describe("passwordProblem", () => {
  it("refuses passwords from the leaked-passwords list, in any case", async () => {
    for (const password of ["password", "iloveyou", "qwerty123", "Sunshine", "PASSWORD1", "baseball"]) {
      expect(await passwordProblem(password, user), password).toBe(COMMON_PASSWORD);
    }
  });

  it("refuses the usual disguises: leetspeak and a short suffix", async () => {
    for (const password of ["P@ssw0rd", "p4ssw0rd!", "sunshine2026!", "Dragon#12", "football99"]) {
      expect(await passwordProblem(password, user), password).toBe(COMMON_PASSWORD);
    }
  });

  it("refuses passwords built from the username or the email", async () => {
    expect(await passwordProblem("marguerite_7 rocks", user)).toBe(CONTAINS_USERNAME);
    expect(await passwordProblem("xxMARGUERITE_7xx", user)).toBe(CONTAINS_USERNAME);
    expect(await passwordProblem("my marguerite.d account", user)).toBe(CONTAINS_EMAIL);
  });

  it("accepts long, unusual passwords with no composition rules", async () => {
    for (const password of ["correct horse battery staple", "Tidy lantern 7f3a rivers", "zx9 plum orbit", "ünïcödé pässphrase"]) {
      expect(await passwordProblem(password, user), password).toBeNull();
    }
  });

  it("looks up in a set loaded once: thousands of checks take milliseconds", async () => {
    await passwordProblem("warm up the list", user);
    const started = performance.now();
    for (let i = 0; i < 5_000; i++) await passwordProblem(`candidate ${i} lantern`, user);
    // Generous bound: a file scan per call would take seconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
