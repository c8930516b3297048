-- Yiyang migration 20261208102000_SupervisionChecklists (SQLite). Checklists (检查表) per bureau and organization kind as
-- immutable versions (a revision is a new version number) with their items; seeded with version 1 of each bureau's
-- checklists with the items the issue names (docs/domain/supervision.md#checklists).
CREATE TABLE "supervision_checklist" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_checklist" PRIMARY KEY AUTOINCREMENT,
    "bureau" TEXT NOT NULL,
    "organization_kind" TEXT NOT NULL,
    "version_no" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_checklist_kind" CHECK (organization_kind IN ('medical', 'elderly-care', 'integrated')),
    CONSTRAINT "ck_supervision_checklist_version" CHECK (version_no >= 1)
);

CREATE TABLE "supervision_checklist_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_checklist_item" PRIMARY KEY AUTOINCREMENT,
    "template_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "ck_supervision_checklist_item_position" CHECK (position >= 1),
    CONSTRAINT "FK_supervision_checklist_item_supervision_checklist_template_id" FOREIGN KEY ("template_id") REFERENCES "supervision_checklist" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ux_supervision_checklist_version" ON "supervision_checklist" ("bureau", "organization_kind", "version_no");
CREATE UNIQUE INDEX "ux_supervision_checklist_item_position" ON "supervision_checklist_item" ("template_id", "position");

INSERT INTO "supervision_checklist" ("bureau", "organization_kind", "version_no", "name", "created_by_user", "created_at") VALUES
    ('health', 'medical', 1, '卫生健康·医疗卫生机构检查表', 'migration', 1309333192704000000),
    ('health', 'integrated', 1, '卫生健康·医养结合机构检查表', 'migration', 1309333192704000000),
    ('civil-affairs', 'elderly-care', 1, '民政·养老机构检查表', 'migration', 1309333192704000000),
    ('civil-affairs', 'integrated', 1, '民政·医养结合机构检查表', 'migration', 1309333192704000000),
    ('insurance', 'medical', 1, '医疗保障·定点医疗机构检查表', 'migration', 1309333192704000000),
    ('insurance', 'elderly-care', 1, '医疗保障·长护险定点养老机构检查表', 'migration', 1309333192704000000),
    ('insurance', 'integrated', 1, '医疗保障·定点医养结合机构检查表', 'migration', 1309333192704000000);
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '执业范围', '医疗机构执业许可证在有效期内，开展的诊疗科目与核准登记的一致' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '医疗质量', '医务人员具备相应执业资格，执业注册地点与本机构一致' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '医疗质量', '病历书写、保管和医疗质量安全核心制度落实' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 4, '院感防控', '医疗区与养老生活区分区设置、实行物理隔离（对照平台登记的分区情况）' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 5, '院感防控', '消毒隔离、手卫生和医疗废物分类收集、交接登记符合要求' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 6, '安全生产', '安全生产责任落实，医疗设备、电梯、氧气等设施定期检查并有记录' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 7, '消防安全', '消防设施器材完好有效，疏散通道畅通，定期开展消防演练' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '执业范围', '医疗机构执业许可证在有效期内，开展的诊疗科目与核准登记的一致' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '医疗质量', '医务人员具备相应执业资格，执业注册地点与本机构一致' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '医疗质量', '病历书写、保管和医疗质量安全核心制度落实' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 4, '院感防控', '医疗区与养老生活区分区设置、实行物理隔离（对照平台登记的分区情况）' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 5, '院感防控', '消毒隔离、手卫生和医疗废物分类收集、交接登记符合要求' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 6, '安全生产', '安全生产责任落实，医疗设备、电梯、氧气等设施定期检查并有记录' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 7, '消防安全', '消防设施器材完好有效，疏散通道畅通，定期开展消防演练' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 8, '照护记录', '护理、照护记录完整，与医嘱一致' FROM "supervision_checklist" WHERE "bureau" = 'health' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '执业范围', '养老机构备案（设立许可）信息与实际服务场所、床位数一致' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '照护记录', '入住评估、照护计划和每日照护记录完整、可追溯' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '食品安全', '食堂依法取得许可，食品留样、从业人员健康证明符合要求' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 4, '医务室设置', '床位 100 张及以上的设有医务室，或与医疗卫生机构签约服务（对照平台登记的床位数）' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 5, '安全生产', '安全生产责任落实，设施设备、用电用气定期检查并有记录' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 6, '消防安全', '消防设施器材完好有效，疏散通道畅通，定期开展消防演练' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '执业范围', '养老机构备案（设立许可）信息与实际服务场所、床位数一致' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '照护记录', '入住评估、照护计划和每日照护记录完整、可追溯' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '食品安全', '食堂依法取得许可，食品留样、从业人员健康证明符合要求' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 4, '医务室设置', '床位 100 张及以上的设有医务室，或与医疗卫生机构签约服务（对照平台登记的床位数）' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 5, '安全生产', '安全生产责任落实，设施设备、用电用气定期检查并有记录' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 6, '消防安全', '消防设施器材完好有效，疏散通道畅通，定期开展消防演练' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 7, '院感防控', '医疗区与养老生活区分区设置、实行物理隔离（对照平台登记的分区情况）' FROM "supervision_checklist" WHERE "bureau" = 'civil-affairs' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '医保基金', '长期住院、长护险床日结算与实际在院、照护记录一致' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '医保基金', '无挂床住院、虚构服务、串换项目、分解收费等套取医保基金迹象' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '执业范围', '医保定点服务协议在有效期内，结算项目在协议范围内' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'medical' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '医保基金', '长期住院、长护险床日结算与实际在院、照护记录一致' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '医保基金', '无挂床住院、虚构服务、串换项目、分解收费等套取医保基金迹象' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '执业范围', '医保定点服务协议在有效期内，结算项目在协议范围内' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'elderly-care' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 1, '医保基金', '长期住院、长护险床日结算与实际在院、照护记录一致' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 2, '医保基金', '无挂床住院、虚构服务、串换项目、分解收费等套取医保基金迹象' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'integrated' AND "version_no" = 1;
INSERT INTO "supervision_checklist_item" ("template_id", "position", "category", "text") SELECT "id", 3, '执业范围', '医保定点服务协议在有效期内，结算项目在协议范围内' FROM "supervision_checklist" WHERE "bureau" = 'insurance' AND "organization_kind" = 'integrated' AND "version_no" = 1;
