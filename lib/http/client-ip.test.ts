import { describe, expect, it } from "vitest";
import { pickClientIp } from "./client-ip";

describe("pickClientIp", () => {
  it("takes the socket address (the last entry, appended by scripts/server.mjs) when no proxy is trusted", () => {
    expect(pickClientIp("203.0.113.9", 0)).toBe("203.0.113.9");
    // A forged header is replaced by the server; were it kept, the last entry still wins.
    expect(pickClientIp("1.2.3.4, 203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("takes the address the outermost trusted proxy saw", () => {
    // client forged "6.6.6.6", real client 198.51.100.7, proxy at 10.0.0.2 connects to us.
    expect(pickClientIp("6.6.6.6, 198.51.100.7, 10.0.0.2", 1)).toBe("198.51.100.7");
    expect(pickClientIp("6.6.6.6, 198.51.100.7, 10.0.0.3, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("uses the first entry when fewer entries than trusted proxies", () => {
    expect(pickClientIp("198.51.100.7", 3)).toBe("198.51.100.7");
  });

  it("unwraps IPv4-mapped IPv6 and lowercases IPv6", () => {
    expect(pickClientIp("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(pickClientIp("2001:DB8::1", 0)).toBe("2001:db8::1");
  });

  it("puts missing and malformed values in one 'unknown' bucket", () => {
    expect(pickClientIp(null, 0)).toBe("unknown");
    expect(pickClientIp("", 0)).toBe("unknown");
    expect(pickClientIp("not-an-ip", 0)).toBe("unknown");
    expect(pickClientIp("1.2.3.4, <script>", 0)).toBe("unknown");
  });
});
