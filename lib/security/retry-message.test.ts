import { describe, expect, it } from "vitest";
import { tooManyAttempts, tooManySignUps } from "./retry-message";

describe("tooManyAttempts", () => {
  it("says minutes, rounded up, once a minute or more is left", () => {
    expect(tooManyAttempts(15 * 60_000)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttempts(14 * 60_000 + 1)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttempts(60_000)).toBe("Too many attempts. Try again in 1 minute.");
  });

  it("says seconds under a minute, never zero", () => {
    expect(tooManyAttempts(59_001)).toBe("Too many attempts. Try again in 1 minute.");
    expect(tooManyAttempts(30_000)).toBe("Too many attempts. Try again in 30 seconds.");
    expect(tooManyAttempts(1_000)).toBe("Too many attempts. Try again in 1 second.");
    expect(tooManyAttempts(0)).toBe("Too many attempts. Try again in 1 second.");
  });

  it("has a sign-up variant", () => {
    expect(tooManySignUps(3_600_000)).toBe("Too many accounts were created from your network. Try again in 60 minutes.");
  });
});
