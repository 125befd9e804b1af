import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase } from "@/test-support/fresh-database";

// A real SQLite file: the point is what the database does with parallel requests.
const database = freshDatabase({ SIGNUP_IP_MAX_PER_HOUR: "4" });
const { createSignInThrottle, waitAfter } = await import("./sign-in-throttle");
const { reserveSignUp } = await import("./sign-up-limit");
afterAll(() => database.close());

const policy = { delayAfter: 3, lockAfter: 5, lockSeconds: 900, firstDelaySeconds: 1, ipMaxFailures: 8, challengeAfter: 2 };

describe("waitAfter", () => {
  it("is free before delayAfter, doubles from there and locks at lockAfter", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => waitAfter(n, policy))).toEqual([0, 0, 1, 2, 900, 900]);
  });
});

describe("a burst of parallel guesses (finding: the sign-in throttle is check-then-act)", () => {
  it("gets exactly the password checks the same guesses one after another would", async () => {
    const throttle = createSignInThrottle(policy);
    let challenges = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const attempt = await throttle.attempt({ shown: "name:alice", silent: "user:a1" }, "203.0.113.7", "a1", async () => {
          challenges++;
          return true;
        });
        if (attempt.status !== "allowed") return attempt.status;
        await attempt.fail();
        return attempt.checkPassword ? "checked" : "dummy";
      }),
    );
    // In sequence: 3 guesses, then a wait. Guesses past the 2nd failure of the network needed
    // a proof of work; those past the network's 8 never got that far.
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(policy.delayAfter);
    expect(outcomes.filter((o) => o === "dummy")).toHaveLength(0);
    expect(outcomes.filter((o) => o === "blocked")).toHaveLength(30 - policy.delayAfter);
    expect(challenges).toBe(policy.ipMaxFailures - policy.challengeAfter);
  });

  it("counts guesses through another name of the same account silently: no more real checks, no different answer", async () => {
    const throttle = createSignInThrottle(policy);
    const guess = async (shown: string) => {
      const attempt = await throttle.attempt({ shown, silent: "user:b1" }, "198.51.100.9", "b1");
      if (attempt.status !== "allowed") return attempt.status;
      await attempt.fail();
      return attempt.checkPassword ? "checked" : "dummy";
    };
    // Three guesses by username use up the account's free guesses from this network...
    for (let i = 0; i < 3; i++) expect(await guess("name:bob")).toBe("checked");
    expect(await guess("name:bob")).toBe("blocked");
    // ...so a guess by its email is answered like any wrong password, without a real check.
    expect(await guess("email:bob@example.com")).toBe("dummy");
    // The same as for an address that belongs to nobody: nothing tells the two apart.
    expect(await (async () => {
      const attempt = await throttle.attempt({ shown: "email:nobody@example.com", silent: "none:email:nobody@example.com" }, "198.51.100.9", null);
      return attempt.status;
    })()).toBe("allowed");
  });

  it("a correct password clears the name's and the account's counts and gives the network its failure back", async () => {
    const throttle = createSignInThrottle(policy);
    const keys = { shown: "name:carol", silent: "user:c1" };
    for (let i = 0; i < 2; i++) {
      const attempt = await throttle.attempt(keys, "192.0.2.44", "c1");
      if (attempt.status === "allowed") await attempt.fail();
    }
    const right = await throttle.attempt(keys, "192.0.2.44", "c1");
    expect(right.status).toBe("allowed");
    if (right.status === "allowed") await right.succeed();
    expect(database.db.prepare("SELECT COUNT(*) AS n FROM AttemptCounter WHERE key LIKE '%carol%' OR key LIKE '%c1|%'").get()).toEqual({ n: 0 });
    expect(await throttle.needsChallenge("192.0.2.44")).toBe(true);
  });
});

describe("a burst of parallel sign-ups from one network (finding: the per-IP sign-up cap races)", () => {
  it("takes exactly the cap; what is given back can be taken again", async () => {
    const slots = await Promise.all(Array.from({ length: 10 }, () => reserveSignUp("2001:db8:aa:bb::1")));
    expect(slots.filter((s) => s.ok)).toHaveLength(4);
    // Another address of the same IPv6 /64 is the same network.
    expect((await reserveSignUp("2001:db8:aa:bb:ffff::2")).ok).toBe(false);
    const taken = slots.find((s) => s.ok);
    if (taken?.ok) await taken.release();
    expect((await reserveSignUp("2001:db8:aa:bb::3")).ok).toBe(true);
    expect((await reserveSignUp("2001:db8:aa:bb::3")).ok).toBe(false);
  });
});
