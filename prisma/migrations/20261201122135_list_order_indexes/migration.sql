-- CreateIndex
CREATE INDEX "JobPlan_effectiveFrom_idx" ON "JobPlan"("effectiveFrom");

-- CreateIndex
CREATE INDEX "LeadershipRole_title_idx" ON "LeadershipRole"("title");

-- CreateIndex
CREATE INDEX "PulseResult_fieldwork_idx" ON "PulseResult"("fieldwork");
