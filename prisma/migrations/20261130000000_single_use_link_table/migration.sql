-- Single-use links move from Auth.js's VerificationToken ("purpose:userId:email" packed into
-- one string) to a table with a column for each part. Links that are live at upgrade time are
-- carried across with the same token hash, so no pending verify, reset or change-email mail
-- stops working.

-- CreateTable
CREATE TABLE "SingleUseLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "fromEmail" TEXT,
    "expires" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SingleUseLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SingleUseLink_userId_purpose_idx" ON "SingleUseLink"("userId", "purpose");

-- Carry the live links across. A change-email link is taken to have been asked for from the
-- account's present address (the old format did not record it).
INSERT INTO "SingleUseLink" ("tokenHash", "purpose", "userId", "email", "fromEmail", "expires", "createdAt")
WITH "split" AS (
    SELECT
        "token",
        "expires",
        substr("identifier", 1, instr("identifier", ':') - 1) AS "purpose",
        substr("identifier", instr("identifier", ':') + 1) AS "rest"
    FROM "VerificationToken"
    WHERE instr("identifier", ':') > 0
), "parts" AS (
    SELECT
        "token",
        "expires",
        "purpose",
        CASE instr("rest", ':') WHEN 0 THEN "rest" ELSE substr("rest", 1, instr("rest", ':') - 1) END AS "userId",
        CASE instr("rest", ':') WHEN 0 THEN NULL ELSE substr("rest", instr("rest", ':') + 1) END AS "email"
    FROM "split"
)
SELECT
    p."token",
    p."purpose",
    p."userId",
    coalesce(nullif(p."email", ''), u."email"),
    CASE WHEN p."purpose" = 'change-email' THEN u."email" END,
    p."expires",
    strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM "parts" p
JOIN "User" u ON u."id" = p."userId"
WHERE p."purpose" IN ('verify-email', 'reset-password', 'change-email')
  AND julianday(p."expires") > julianday('now');

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "VerificationToken";
PRAGMA foreign_keys=on;
