import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers.mjs";

describe("newNonce", () => {
  it("gives 16 random bytes each time, never the same twice, across many refills of its pool", () => {
    // 256 nonces fill one pool: 2,000 draw eight of them.
    const nonces = Array.from({ length: 2000 }, newNonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
    // Random, not a counter: about half the bits of two neighbours differ.
    const bits = (a: string, b: string) => {
      const x = Buffer.from(a, "base64"), y = Buffer.from(b, "base64");
      return x.reduce((sum, byte, i) => sum + [...(byte ^ y[i]).toString(2)].filter((c) => c === "1").length, 0);
    };
    const differing = nonces.slice(1).map((nonce, i) => bits(nonce, nonces[i]));
    const mean = differing.reduce((a, b) => a + b, 0) / differing.length;
    expect(mean).toBeGreaterThan(60);
    expect(mean).toBeLessThan(68);
  });

  it("goes into the policy's script-src and style-src", () => {
    const nonce = newNonce();
    const policy = contentSecurityPolicy(nonce, { dev: false, https: false });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
  });
});
