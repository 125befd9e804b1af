-- A session remembers when its person last confirmed it is them with a passkey.
ALTER TABLE "Session" ADD COLUMN "confirmedAt" DATETIME;
