-- CreateTable
CREATE TABLE "AccessVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- The access version (see the model's comment): raised in the same transaction as every change that
-- can end a session or change what its user may see. A session's last-seen time moving on (the touch
-- of at most once a minute) does not raise it.
INSERT INTO "AccessVersion" ("id", "version") VALUES (1, 0);
CREATE TRIGGER "User_update_access_version" AFTER UPDATE ON "User" BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "User_delete_access_version" AFTER DELETE ON "User" BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Session_delete_access_version" AFTER DELETE ON "Session" BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Session_update_access_version" AFTER UPDATE ON "Session" WHEN NOT (NEW."id" = OLD."id" AND NEW."userId" = OLD."userId" AND NEW."expiresAt" = OLD."expiresAt" AND NEW."lastSeenAt" >= OLD."lastSeenAt") BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Icb_update_access_version" AFTER UPDATE ON "Icb" BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Icb_delete_access_version" AFTER DELETE ON "Icb" BEGIN UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
