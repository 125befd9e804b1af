import { describe, expect, it } from "vitest";
import { networkOf, pickClientIp } from "./client-ip";

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

describe("networkOf (finding: per-IP limits keyed IPv6 clients by the whole address)", () => {
  it("keeps an IPv4 address and the unknown bucket as they are", () => {
    expect(networkOf("203.0.113.9")).toBe("203.0.113.9");
    expect(networkOf("unknown")).toBe("unknown");
  });

  it("puts every address of one IPv6 /64 in one bucket, however it is written", () => {
    const network = "2001:db8:85a3:8d3::/64";
    for (const address of [
      "2001:db8:85a3:8d3:1319:8a2e:370:7348",
      "2001:0db8:85a3:08d3:0000:0000:0000:0001",
      "2001:db8:85a3:8d3::1",
      "2001:db8:85a3:8d3::",
      "2001:db8:85a3:8d3:ffff:ffff:ffff:ffff",
    ]) {
      expect(networkOf(address)).toBe(network);
    }
    expect(networkOf("2001:db8:85a3:8d4::1")).toBe("2001:db8:85a3:8d4::/64");
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
    expect(networkOf("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(networkOf("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
    expect(networkOf("fe80:1:2:3:4:5:6:7")).toBe("fe80:1:2:3::/64");
  });
});
