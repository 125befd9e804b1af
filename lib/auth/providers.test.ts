import { describe, expect, it } from "vitest";
import { gitHubProfile, oidcProfile, primaryVerifiedEmail } from "./providers";

describe("GitHub's profile", () => {
  it("takes the primary address only when GitHub says it is verified", () => {
    expect(primaryVerifiedEmail([
      { email: "old@example.com", primary: false, verified: true },
      { email: "Main@Example.com", primary: true, verified: true },
    ])).toBe("Main@Example.com");
    expect(primaryVerifiedEmail([{ email: "main@example.com", primary: true, verified: false }])).toBeNull();
    expect(primaryVerifiedEmail([])).toBeNull();
  });

  it("maps the user: id as text, the address lowercased, login as the suggested username", () => {
    expect(gitHubProfile({ id: 583231, login: "octocat", name: null, avatar_url: "https://a/1.png", email: "Octo@GitHub.com", email_verified: true })).toEqual({
      id: "583231",
      email: "octo@github.com",
      emailVerified: true,
      name: "octocat",
      image: "https://a/1.png",
      suggestedUsername: "octocat",
    });
    expect(gitHubProfile({ id: 1, login: "x", name: "X", avatar_url: null, email: null }).emailVerified).toBe(false);
  });
});

describe("an OpenID Connect profile (Google's, or an organisation's server)", () => {
  it("keeps the address only as verified when email_verified says so", () => {
    const claims = { sub: "1077", email: "Ada@Example.com", name: "Ada", picture: "https://p/ada", preferred_username: "ada" };
    expect(oidcProfile({ ...claims, email_verified: true })).toEqual({
      id: "1077",
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada",
      image: "https://p/ada",
      suggestedUsername: "ada",
    });
    expect(oidcProfile({ ...claims, email_verified: "true" }).emailVerified).toBe(true);
    expect(oidcProfile({ ...claims, email_verified: false }).emailVerified).toBe(false);
    expect(oidcProfile({ ...claims }).emailVerified).toBe(false);
    // Google sends no preferred_username: nothing is suggested.
    expect(oidcProfile({ sub: "2", email: "g@gmail.com", email_verified: true }).suggestedUsername).toBeNull();
  });
});
