-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "staffNumber" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AddColumns: plain ALTER TABLE (not a table rebuild), so the rows and other migrations' columns are untouched.
ALTER TABLE "LeadershipRole" ADD COLUMN "personId" INTEGER REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "TrainingRecord" ADD COLUMN "personId" INTEGER REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "JobPlan" ADD COLUMN "personId" INTEGER REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "LeadershipRole_personId_idx" ON "LeadershipRole"("personId");
CREATE INDEX "TrainingRecord_personId_idx" ON "TrainingRecord"("personId");
CREATE INDEX "JobPlan_personId_idx" ON "JobPlan"("personId");

-- Backfill: one person per distinct normalised name (trimmed, runs of spaces collapsed, lower case: the
-- rule of personKey in app/domain/leadership-metrics.ts) per organisation, from post holders, training
-- and job plans. Each record keeps its stored name for history and gains the person's id.
CREATE TEMP TABLE "person_name" AS
  SELECT "organisationId", trim(replace(replace(replace(replace(replace(replace("raw", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS "name", lower(trim(replace(replace(replace(replace(replace(replace("raw", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))) AS "key"
  FROM (
    SELECT "organisationId", "holderName" AS "raw" FROM "LeadershipRole" WHERE "holderName" IS NOT NULL
    UNION ALL SELECT "organisationId", "person" FROM "TrainingRecord"
    UNION ALL SELECT "organisationId", "person" FROM "JobPlan"
  )
  WHERE trim("raw") <> '';
-- The person's name is the spelling written most often, preferring mixed case ("Dr Sam Patel" over
-- "DR SAM PATEL"), then the first in alphabetical order, so the choice is repeatable.
INSERT INTO "Person" ("organisationId", "name", "updatedAt")
  SELECT "organisationId", "name", strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')
  FROM (
    SELECT "organisationId", "key", "name",
      ROW_NUMBER() OVER (PARTITION BY "organisationId", "key" ORDER BY ("name" = upper("name")) + ("name" = lower("name")), COUNT(*) DESC, "name") AS "rank"
    FROM "person_name" GROUP BY "organisationId", "key", "name"
  )
  WHERE "rank" = 1 ORDER BY "organisationId", "key";
CREATE TEMP TABLE "person_key" ("organisationId" INTEGER NOT NULL, "key" TEXT NOT NULL, "personId" INTEGER NOT NULL, PRIMARY KEY ("organisationId", "key"));
INSERT INTO "person_key" SELECT "organisationId", lower(trim(replace(replace(replace(replace(replace(replace("name", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))), "id" FROM "Person";
UPDATE "LeadershipRole" SET "personId" = (SELECT k."personId" FROM "person_key" k WHERE k."organisationId" = "LeadershipRole"."organisationId" AND k."key" = lower(trim(replace(replace(replace(replace(replace(replace("LeadershipRole"."holderName", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')))) WHERE "holderName" IS NOT NULL;
UPDATE "TrainingRecord" SET "personId" = (SELECT k."personId" FROM "person_key" k WHERE k."organisationId" = "TrainingRecord"."organisationId" AND k."key" = lower(trim(replace(replace(replace(replace(replace(replace("TrainingRecord"."person", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))));
UPDATE "JobPlan" SET "personId" = (SELECT k."personId" FROM "person_key" k WHERE k."organisationId" = "JobPlan"."organisationId" AND k."key" = lower(trim(replace(replace(replace(replace(replace(replace("JobPlan"."person", char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))));
DROP TABLE "person_key";
DROP TABLE "person_name";

-- CreateIndex
CREATE INDEX "Person_organisationId_name_idx" ON "Person"("organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organisationId_staffNumber_key" ON "Person"("organisationId", "staffNumber");
