import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl, signInAndBack } from "@/lib/auth/callback-url";

/** Same-origin means a path: one leading slash, never "//" or "/\" (both mean another host). */
function expectSameOrigin(result: string) {
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result.startsWith("/\\")).toBe(false);
  // A browser resolving it against our origin must stay on our origin.
  expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
}

describe("safeCallbackUrl", () => {
  it("defaults the fallback to /dashboard", () => {
    expect(DEFAULT_AFTER_SIGN_IN).toBe("/dashboard");
    expect(safeCallbackUrl(undefined)).toBe("/dashboard");
  });

  it.each(["/dashboard", "/dashboard/profile?tab=1#x", "/", "/a/b/c", "/search?q=a%20b&next=%2F%2Fevil.com"])(
    "keeps the same-origin path %j unchanged",
    (value) => {
      expect(safeCallbackUrl(value)).toBe(value);
    },
  );

  it.each([
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/dashboard"],
    ["slash-backslash", "/\\evil.com"],
    ["slash-backslash-slash", "/\\/evil.com"],
    ["backslash later in the path", "/dashboard\\..\\\\evil.com"],
    ["absolute https", "https://evil.com"],
    ["absolute http, one slash", "http:/evil.com"],
    ["scheme without slashes", "http:evil.com"],
    ["javascript:", "javascript:alert(1)"],
    ["mixed-case JavaScript:", "JavaScript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["leading space", " /x"],
    ["leading tab before //", "\t//evil.com"],
    ["relative path", "dashboard"],
    ["empty string", ""],
    ["CRLF", "/dashboard\r\nSet-Cookie: x=1"],
    ["lone LF", "/dash\nboard"],
    ["tab inside //", "/\t/evil.com"],
    ["NUL", "/dash\u0000board"],
    ["DEL", "/dash\u007fboard"],
  ])("refuses %s (%j) and returns the fallback", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/dashboard");
  });

  it.each([undefined, null, 42, 0, true, {}, ["/dashboard"], { toString: () => "/dashboard" }])(
    "refuses the non-string %j",
    (value) => {
      expect(safeCallbackUrl(value)).toBe("/dashboard");
    },
  );

  it("uses a custom fallback when given", () => {
    expect(safeCallbackUrl("//evil.com", "/home")).toBe("/home");
    expect(safeCallbackUrl(null, "/home")).toBe("/home");
    expect(safeCallbackUrl("/settings", "/home")).toBe("/settings");
  });

  it("caps the length at 2048 characters (a 5000-character path is refused)", () => {
    const max = `/${"a".repeat(2047)}`;
    expect(safeCallbackUrl(max)).toBe(max);
    expect(safeCallbackUrl(`${max}a`)).toBe("/dashboard");
    expect(safeCallbackUrl(`/${"a".repeat(4999)}`)).toBe("/dashboard");
  });

  it("keeps an encoded tab (/%09/evil.com) as a same-origin path", () => {
    const result = safeCallbackUrl("/%09/evil.com");
    expectSameOrigin(result);
    expect(result).toBe("/%09/evil.com");
  });

  it("returns a normalised path for harmless dot segments", () => {
    expect(safeCallbackUrl("/a/../dashboard")).toBe("/dashboard");
  });

  const nasty = [
    "//evil.com",
    "///evil.com",
    "////evil.com",
    "/\\evil.com",
    "/\\/evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    "/%5cevil.com",
    "/%5C%5Cevil.com",
    "/%2f%2fevil.com",
    "/%2F/evil.com",
    "/%09/evil.com",
    "/%0d%0a/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "\t//evil.com",
    " //evil.com",
    "https://evil.com",
    "http:/evil.com",
    "http:\\\\evil.com",
    "https:evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "/javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "//evil.com@good.com",
    "/@evil.com",
    "/dashboard@evil.com",
    "/?//evil.com",
    "/#//evil.com",
    "/\u3002evil.com",
    "/\uff0f\uff0fevil.com",
    "/\u2215\u2215evil.com",
    `/${"/".repeat(3000)}evil.com`,
  ];

  it(`never returns anything but a same-origin path (${nasty.length} nasty inputs)`, () => {
    for (const value of nasty) {
      const result = safeCallbackUrl(value);
      try {
        expectSameOrigin(result);
      } catch (error) {
        throw new Error(`input ${JSON.stringify(value)} gave ${JSON.stringify(result)}: ${String(error)}`);
      }
    }
  });

  // `new URL` removes dot segments, which could turn the path into "//evil.com".
  it.each(["/.//evil.com", "/..//evil.com", "/a/..//evil.com", "/%2e//evil.com", "/x/%2E%2E//evil.com"])(
    "dot segments in %j never collapse into a protocol-relative URL",
    (value) => {
      expectSameOrigin(safeCallbackUrl(value));
    },
  );
});

describe("signInAndBack", () => {
  it("asks sign-in to return to the path and query", () => {
    expect(signInAndBack("/login", "/dashboard/profile?tab=1")).toBe("/login?callbackUrl=%2Fdashboard%2Fprofile%3Ftab%3D1");
  });

  it.each([null, "", "//evil.example", "https://evil.example/", `/${"a".repeat(2048)}`])("leaves out %j", (back) => {
    expect(signInAndBack("/login", back)).toBe("/login");
  });
});
