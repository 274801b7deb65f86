-- CreateTable
CREATE TABLE "OrganisationDataVersion" (
    "organisationId" INTEGER NOT NULL,
    "table" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrganisationDataVersion_pkey" PRIMARY KEY ("organisationId","table")
);

-- The per-organisation data version (triggers; see the model's comment). Every update or delete raises
-- the version of each organisation whose rows it touched, per table, in the same transaction, once per
-- statement (transition tables). An update raises both the old and the new organisation's. Inserts pay
-- nothing per row: they show in the organisation's count and max(id). Organisations in id order, so
-- concurrent statements take the version rows' locks in the same order.
CREATE FUNCTION "raise_organisation_version_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OrganisationDataVersion" ("organisationId", "table", "version")
    SELECT o, TG_TABLE_NAME, 1 FROM (SELECT "organisationId" FROM old_rows UNION SELECT "organisationId" FROM new_rows) AS changed(o) ORDER BY o
    ON CONFLICT ("organisationId", "table") DO UPDATE SET "version" = "OrganisationDataVersion"."version" + 1;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "raise_organisation_version_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OrganisationDataVersion" ("organisationId", "table", "version")
    SELECT o, TG_TABLE_NAME, 1 FROM (SELECT DISTINCT "organisationId" FROM old_rows) AS changed(o) ORDER BY o
    ON CONFLICT ("organisationId", "table") DO UPDATE SET "version" = "OrganisationDataVersion"."version" + 1;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "raise_organisation_version_updated_by_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OrganisationDataVersion" ("organisationId", "table", "version")
    SELECT o, TG_TABLE_NAME, 1 FROM (SELECT "id" FROM old_rows UNION SELECT "id" FROM new_rows) AS changed(o) ORDER BY o
    ON CONFLICT ("organisationId", "table") DO UPDATE SET "version" = "OrganisationDataVersion"."version" + 1;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "raise_organisation_version_deleted_by_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OrganisationDataVersion" ("organisationId", "table", "version")
    SELECT o, TG_TABLE_NAME, 1 FROM (SELECT DISTINCT "id" FROM old_rows) AS changed(o) ORDER BY o
    ON CONFLICT ("organisationId", "table") DO UPDATE SET "version" = "OrganisationDataVersion"."version" + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "PulseResult_update_organisation_version" AFTER UPDATE ON "PulseResult" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_updated"();
CREATE TRIGGER "PulseResult_delete_organisation_version" AFTER DELETE ON "PulseResult" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_deleted"();
CREATE TRIGGER "LeadershipRole_update_organisation_version" AFTER UPDATE ON "LeadershipRole" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_updated"();
CREATE TRIGGER "LeadershipRole_delete_organisation_version" AFTER DELETE ON "LeadershipRole" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_deleted"();
CREATE TRIGGER "TrainingRecord_update_organisation_version" AFTER UPDATE ON "TrainingRecord" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_updated"();
CREATE TRIGGER "TrainingRecord_delete_organisation_version" AFTER DELETE ON "TrainingRecord" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_deleted"();
CREATE TRIGGER "JobPlan_update_organisation_version" AFTER UPDATE ON "JobPlan" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_updated"();
CREATE TRIGGER "JobPlan_delete_organisation_version" AFTER DELETE ON "JobPlan" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_deleted"();
CREATE TRIGGER "Organisation_update_organisation_version" AFTER UPDATE ON "Organisation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_updated_by_id"();
CREATE TRIGGER "Organisation_delete_organisation_version" AFTER DELETE ON "Organisation" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "raise_organisation_version_deleted_by_id"();
