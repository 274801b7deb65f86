-- CreateIndex
CREATE INDEX "JobPlan_effectiveFrom_id_idx" ON "JobPlan"("effectiveFrom" DESC, "id");

-- CreateIndex
CREATE INDEX "LeadershipRole_title_id_idx" ON "LeadershipRole"("title", "id");

-- CreateIndex
CREATE INDEX "PulseResult_fieldwork_id_idx" ON "PulseResult"("fieldwork" DESC, "id");
