-- Yiyang migration 20261208100000_SupervisionCalendar (SQLite). The working-day calendar: one row per year that has a
-- calendar (its source notice), the holidays (kind 1) and make-up working days (kind 2) of each year; a date once.
-- Seeded with the State Council General Office notices for 2025 and 2026 (docs/domain/working-days.md).
CREATE TABLE "supervision_calendar_year" (
    "year" INTEGER NOT NULL CONSTRAINT "PK_supervision_calendar_year" PRIMARY KEY,
    "source" TEXT NOT NULL,
    "updated_by_user" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_calendar_year_year" CHECK (year BETWEEN 2000 AND 2100)
);

CREATE TABLE "supervision_calendar_day" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_calendar_day" PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "ck_supervision_calendar_day_kind" CHECK (kind IN (1, 2)),
    CONSTRAINT "FK_supervision_calendar_day_supervision_calendar_year_year" FOREIGN KEY ("year") REFERENCES "supervision_calendar_year" ("year") ON DELETE CASCADE
);
CREATE INDEX "IX_supervision_calendar_day_year" ON "supervision_calendar_day" ("year");
CREATE UNIQUE INDEX "ux_supervision_calendar_day_date" ON "supervision_calendar_day" ("date");

INSERT INTO "supervision_calendar_year" ("year", "source", "updated_by_user", "updated_at", "version") VALUES
    (2025, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）', 'migration', 1309333192704000000, 1);
INSERT INTO "supervision_calendar_day" ("year", "date", "kind", "name") VALUES
    (2025, '2025-01-01', 1, '元旦'),
    (2025, '2025-01-26', 2, '春节'),
    (2025, '2025-01-28', 1, '春节'),
    (2025, '2025-01-29', 1, '春节'),
    (2025, '2025-01-30', 1, '春节'),
    (2025, '2025-01-31', 1, '春节'),
    (2025, '2025-02-01', 1, '春节'),
    (2025, '2025-02-02', 1, '春节'),
    (2025, '2025-02-03', 1, '春节'),
    (2025, '2025-02-04', 1, '春节'),
    (2025, '2025-02-08', 2, '春节'),
    (2025, '2025-04-04', 1, '清明节'),
    (2025, '2025-04-05', 1, '清明节'),
    (2025, '2025-04-06', 1, '清明节'),
    (2025, '2025-04-27', 2, '劳动节'),
    (2025, '2025-05-01', 1, '劳动节'),
    (2025, '2025-05-02', 1, '劳动节'),
    (2025, '2025-05-03', 1, '劳动节'),
    (2025, '2025-05-04', 1, '劳动节'),
    (2025, '2025-05-05', 1, '劳动节'),
    (2025, '2025-05-31', 1, '端午节'),
    (2025, '2025-06-01', 1, '端午节'),
    (2025, '2025-06-02', 1, '端午节'),
    (2025, '2025-09-28', 2, '国庆节、中秋节'),
    (2025, '2025-10-01', 1, '国庆节、中秋节'),
    (2025, '2025-10-02', 1, '国庆节、中秋节'),
    (2025, '2025-10-03', 1, '国庆节、中秋节'),
    (2025, '2025-10-04', 1, '国庆节、中秋节'),
    (2025, '2025-10-05', 1, '国庆节、中秋节'),
    (2025, '2025-10-06', 1, '国庆节、中秋节'),
    (2025, '2025-10-07', 1, '国庆节、中秋节'),
    (2025, '2025-10-08', 1, '国庆节、中秋节'),
    (2025, '2025-10-11', 2, '国庆节、中秋节');
INSERT INTO "supervision_calendar_year" ("year", "source", "updated_by_user", "updated_at", "version") VALUES
    (2026, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）', 'migration', 1309333192704000000, 1);
INSERT INTO "supervision_calendar_day" ("year", "date", "kind", "name") VALUES
    (2026, '2026-01-01', 1, '元旦'),
    (2026, '2026-01-02', 1, '元旦'),
    (2026, '2026-01-03', 1, '元旦'),
    (2026, '2026-01-04', 2, '元旦'),
    (2026, '2026-02-14', 2, '春节'),
    (2026, '2026-02-15', 1, '春节'),
    (2026, '2026-02-16', 1, '春节'),
    (2026, '2026-02-17', 1, '春节'),
    (2026, '2026-02-18', 1, '春节'),
    (2026, '2026-02-19', 1, '春节'),
    (2026, '2026-02-20', 1, '春节'),
    (2026, '2026-02-21', 1, '春节'),
    (2026, '2026-02-22', 1, '春节'),
    (2026, '2026-02-23', 1, '春节'),
    (2026, '2026-02-28', 2, '春节'),
    (2026, '2026-04-04', 1, '清明节'),
    (2026, '2026-04-05', 1, '清明节'),
    (2026, '2026-04-06', 1, '清明节'),
    (2026, '2026-05-01', 1, '劳动节'),
    (2026, '2026-05-02', 1, '劳动节'),
    (2026, '2026-05-03', 1, '劳动节'),
    (2026, '2026-05-04', 1, '劳动节'),
    (2026, '2026-05-05', 1, '劳动节'),
    (2026, '2026-05-09', 2, '劳动节'),
    (2026, '2026-06-19', 1, '端午节'),
    (2026, '2026-06-20', 1, '端午节'),
    (2026, '2026-06-21', 1, '端午节'),
    (2026, '2026-09-20', 2, '国庆节'),
    (2026, '2026-09-25', 1, '中秋节'),
    (2026, '2026-09-26', 1, '中秋节'),
    (2026, '2026-09-27', 1, '中秋节'),
    (2026, '2026-10-01', 1, '国庆节'),
    (2026, '2026-10-02', 1, '国庆节'),
    (2026, '2026-10-03', 1, '国庆节'),
    (2026, '2026-10-04', 1, '国庆节'),
    (2026, '2026-10-05', 1, '国庆节'),
    (2026, '2026-10-06', 1, '国庆节'),
    (2026, '2026-10-07', 1, '国庆节'),
    (2026, '2026-10-10', 2, '国庆节');
