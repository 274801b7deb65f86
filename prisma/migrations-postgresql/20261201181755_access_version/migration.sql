-- CreateTable
CREATE TABLE "AccessVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AccessVersion_pkey" PRIMARY KEY ("id")
);

-- The access version (see the model's comment): raised in the same transaction as every change that
-- can end a session or change what its user may see, once per statement. A session's last-seen time
-- moving on (the touch of at most once a minute) does not raise it.
INSERT INTO "AccessVersion" ("id", "version") VALUES (1, 0);
CREATE FUNCTION "raise_access_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AccessVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "User_update_access_version" AFTER UPDATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "raise_access_version"();
CREATE TRIGGER "User_delete_access_version" AFTER DELETE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "raise_access_version"();
CREATE TRIGGER "Session_delete_access_version" AFTER DELETE ON "Session" FOR EACH STATEMENT EXECUTE FUNCTION "raise_access_version"();
CREATE TRIGGER "Session_update_access_version" AFTER UPDATE ON "Session" FOR EACH ROW WHEN (NOT (NEW."id" = OLD."id" AND NEW."userId" = OLD."userId" AND NEW."expiresAt" = OLD."expiresAt" AND NEW."lastSeenAt" >= OLD."lastSeenAt")) EXECUTE FUNCTION "raise_access_version"();
CREATE TRIGGER "Icb_update_access_version" AFTER UPDATE ON "Icb" FOR EACH STATEMENT EXECUTE FUNCTION "raise_access_version"();
CREATE TRIGGER "Icb_delete_access_version" AFTER DELETE ON "Icb" FOR EACH STATEMENT EXECUTE FUNCTION "raise_access_version"();
