import { describe, expect, it } from "vitest";
import { decodeIntent, encodeIntent } from "./provider-intent";

describe("the provider sign-in intent cookie", () => {
  const intent = { provider: "oidc", remember: true, link: { userId: "u1", sessionId: "s1" } };

  it("reads back what was written, within ten minutes", () => {
    const now = Date.now();
    expect(decodeIntent(encodeIntent(intent, now), now + 9 * 60_000)).toEqual(intent);
    expect(decodeIntent(encodeIntent(intent, now), now + 11 * 60_000)).toBeNull();
  });

  it("refuses anything tampered with or made up", () => {
    const value = encodeIntent(intent);
    const [payload, signature] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ ...intent, link: { userId: "victim", sessionId: "s1" }, exp: Date.now() + 60_000 })).toString("base64url");
    expect(decodeIntent(`${forged}.${signature}`)).toBeNull();
    expect(decodeIntent(`${payload}.${signature!.slice(0, -2)}xx`)).toBeNull();
    for (const junk of [undefined, "", "a.b", "no-dot", `${payload}.`]) expect(decodeIntent(junk)).toBeNull();
  });
});
