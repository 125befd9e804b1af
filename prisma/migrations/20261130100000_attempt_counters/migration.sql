-- Failed sign-ins per account and network move from two rate-limiter rows (a count and a
-- wait, read before the password check and written after it) to one row updated by
-- compare-and-swap before the check. The old counters are dropped: at most one day of
-- failures is forgotten at upgrade.

-- CreateTable
CREATE TABLE "AttemptCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "nextAllowedAt" DATETIME NOT NULL,
    "windowEndsAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AttemptCounter_windowEndsAt_idx" ON "AttemptCounter"("windowEndsAt");

DELETE FROM "RateLimit" WHERE "key" LIKE 'signin:pair:%' OR "key" LIKE 'signin:wait:%';
