-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "odsCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "icb" TEXT,
    "openedOn" TEXT,
    "closedOn" TEXT,
    "consultantHeadcount" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadershipRole" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "roleType" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "directorate" TEXT,
    "holderName" TEXT,
    "personId" INTEGER,
    "holderBackground" TEXT,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "leadershipPas" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LeadershipRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "person" TEXT NOT NULL,
    "personId" INTEGER,
    "roleId" INTEGER,
    "programme" TEXT NOT NULL,
    "programmeName" TEXT,
    "hours" DOUBLE PRECISION NOT NULL,
    "startDate" TEXT NOT NULL,
    "completionDate" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobPlan" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "person" TEXT NOT NULL,
    "personId" INTEGER,
    "roleId" INTEGER,
    "effectiveFrom" TEXT NOT NULL,
    "effectiveTo" TEXT,
    "dccPas" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "spaPas" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "anrPas" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "externalPas" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "signedOffDate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseResult" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "survey" TEXT NOT NULL,
    "fieldwork" TEXT NOT NULL,
    "staffGroup" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "scale" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "respondents" INTEGER NOT NULL,
    "sd" DOUBLE PRECISION,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PulseResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "organisationId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3),
    "totpSecret" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "totpLastStep" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "ssoProvider" TEXT,
    "idTokenHint" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'invite',
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "organisationId" INTEGER,
    "userId" INTEGER,
    "createdById" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "refused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "userEmail" TEXT,
    "ipAddress" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "organisationId" INTEGER,
    "summary" TEXT NOT NULL DEFAULT '',
    "changes" TEXT NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "userId" INTEGER,
    "userEmail" TEXT,
    "organisationId" INTEGER,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'applied',
    "undoneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatchChange" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "afterVersion" INTEGER NOT NULL,

    CONSTRAINT "ImportBatchChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationRecord" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "familyKey" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "totalPublished" BOOLEAN NOT NULL,
    "parts" TEXT NOT NULL,
    "minN" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicationRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "staffNumber" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "reviewPoint" TEXT NOT NULL DEFAULT '',
    "remindedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionNote" (
    "id" SERIAL NOT NULL,
    "actionId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardAsk" (
    "organisationId" INTEGER NOT NULL,
    "ask" TEXT NOT NULL DEFAULT '',
    "commentary" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BoardAsk_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "AlertCheck" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER,
    "cause" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "AlertCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationAlertState" (
    "organisationId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "latestWaves" TEXT NOT NULL DEFAULT '{}',
    "evaluatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationAlertState_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "organisationId" INTEGER,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertPreference" (
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "AlertPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" INTEGER,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" SERIAL NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shape" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "lastId" INTEGER NOT NULL,
    "lastHash" TEXT NOT NULL,
    "legacyCount" INTEGER NOT NULL DEFAULT 0,
    "legacyLastId" INTEGER NOT NULL DEFAULT 0,
    "legacyLastHash" TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    "keyId" TEXT NOT NULL,
    "rebuiltAt" TIMESTAMP(3),
    "mac" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserIdentity" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "linkedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Icb" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Icb_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ComputedResult" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "value" BYTEA NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComputedResult_pkey" PRIMARY KEY ("kind","key")
);

-- CreateTable
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_odsCode_key" ON "Organisation"("odsCode");

-- CreateIndex
CREATE INDEX "LeadershipRole_organisationId_roleType_idx" ON "LeadershipRole"("organisationId", "roleType");

-- CreateIndex
CREATE INDEX "LeadershipRole_personId_idx" ON "LeadershipRole"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "LeadershipRole_organisationId_title_startDate_key" ON "LeadershipRole"("organisationId", "title", "startDate");

-- CreateIndex
CREATE INDEX "TrainingRecord_personId_idx" ON "TrainingRecord"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRecord_organisationId_person_programme_startDate_key" ON "TrainingRecord"("organisationId", "person", "programme", "startDate");

-- CreateIndex
CREATE INDEX "JobPlan_personId_idx" ON "JobPlan"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "JobPlan_organisationId_person_effectiveFrom_key" ON "JobPlan"("organisationId", "person", "effectiveFrom");

-- CreateIndex
CREATE INDEX "PulseResult_survey_measure_fieldwork_idx" ON "PulseResult"("survey", "measure", "fieldwork");

-- CreateIndex
CREATE UNIQUE INDEX "PulseResult_organisationId_survey_fieldwork_staffGroup_meas_key" ON "PulseResult"("organisationId", "survey", "fieldwork", "staffGroup", "measure");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_tokenHash_key" ON "Invite"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInThrottle_windowStart_idx" ON "SignInThrottle"("windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "ImportBatchChange_batchId_idx" ON "ImportBatchChange"("batchId");

-- CreateIndex
CREATE INDEX "PublicationRecord_organisationId_idx" ON "PublicationRecord"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationRecord_familyKey_stateHash_key" ON "PublicationRecord"("familyKey", "stateHash");

-- CreateIndex
CREATE INDEX "Person_organisationId_name_idx" ON "Person"("organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_organisationId_staffNumber_key" ON "Person"("organisationId", "staffNumber");

-- CreateIndex
CREATE INDEX "ActionPlan_organisationId_status_idx" ON "ActionPlan"("organisationId", "status");

-- CreateIndex
CREATE INDEX "ActionPlan_ownerId_idx" ON "ActionPlan"("ownerId");

-- CreateIndex
CREATE INDEX "ActionNote_actionId_idx" ON "ActionNote"("actionId");

-- CreateIndex
CREATE INDEX "AlertCheck_doneAt_idx" ON "AlertCheck"("doneAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_scopeKey_kind_shape_key" ON "ImportMapping"("scopeKey", "kind", "shape");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_provider_subject_key" ON "UserIdentity"("provider", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "UserIdentity_userId_provider_key" ON "UserIdentity"("userId", "provider");

-- AddForeignKey
ALTER TABLE "LeadershipRole" ADD CONSTRAINT "LeadershipRole_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadershipRole" ADD CONSTRAINT "LeadershipRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "LeadershipRole"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPlan" ADD CONSTRAINT "JobPlan_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPlan" ADD CONSTRAINT "JobPlan_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "LeadershipRole"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobPlan" ADD CONSTRAINT "JobPlan_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResult" ADD CONSTRAINT "PulseResult_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatchChange" ADD CONSTRAINT "ImportBatchChange_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionNote" ADD CONSTRAINT "ActionNote_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "ActionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserIdentity" ADD CONSTRAINT "UserIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The data version (as in the SQLite migration 20261201090933_computed_results): every update or
-- delete of the data the analyses read raises it in the same transaction; inserts are seen by the
-- tables' max(id) instead, so bulk imports of new rows pay nothing per row.
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);
CREATE FUNCTION "raise_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Organisation_data_version" AFTER UPDATE OR DELETE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
CREATE TRIGGER "LeadershipRole_data_version" AFTER UPDATE OR DELETE ON "LeadershipRole" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
CREATE TRIGGER "TrainingRecord_data_version" AFTER UPDATE OR DELETE ON "TrainingRecord" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
CREATE TRIGGER "JobPlan_data_version" AFTER UPDATE OR DELETE ON "JobPlan" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
CREATE TRIGGER "PulseResult_data_version" AFTER UPDATE OR DELETE ON "PulseResult" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
CREATE TRIGGER "Setting_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Setting" FOR EACH STATEMENT EXECUTE FUNCTION "raise_data_version"();
