-- CreateTable
CREATE TABLE "ComputedResult" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "value" BLOB NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("kind", "key")
);

-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- The data version (not part of the Prisma schema: triggers). Every update or delete of the data the
-- analyses read raises it in the same transaction; inserts are seen by the tables' max(id) instead,
-- so bulk imports of new rows pay nothing per row.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
CREATE TRIGGER "Organisation_update_data_version" AFTER UPDATE ON "Organisation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Organisation_delete_data_version" AFTER DELETE ON "Organisation" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LeadershipRole_update_data_version" AFTER UPDATE ON "LeadershipRole" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "LeadershipRole_delete_data_version" AFTER DELETE ON "LeadershipRole" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "TrainingRecord_update_data_version" AFTER UPDATE ON "TrainingRecord" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "TrainingRecord_delete_data_version" AFTER DELETE ON "TrainingRecord" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "JobPlan_update_data_version" AFTER UPDATE ON "JobPlan" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "JobPlan_delete_data_version" AFTER DELETE ON "JobPlan" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "PulseResult_update_data_version" AFTER UPDATE ON "PulseResult" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "PulseResult_delete_data_version" AFTER DELETE ON "PulseResult" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Setting_insert_data_version" AFTER INSERT ON "Setting" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Setting_update_data_version" AFTER UPDATE ON "Setting" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Setting_delete_data_version" AFTER DELETE ON "Setting" BEGIN UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
