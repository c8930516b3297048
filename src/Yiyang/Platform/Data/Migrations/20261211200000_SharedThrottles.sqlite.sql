-- Yiyang migration 20261211200000_SharedThrottles (SQLite). Attempts counted by a throttle shared by every app node
-- (exact elder searches): the limit's bucket, a keyed hash of whose attempt, and when.
CREATE TABLE "platform_throttle_hit" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_platform_throttle_hit" PRIMARY KEY AUTOINCREMENT,
    "bucket" TEXT NOT NULL,
    "subject" BLOB NOT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "ck_platform_throttle_hit_subject" CHECK (length(subject) = 32)
);
CREATE INDEX "IX_platform_throttle_hit_at" ON "platform_throttle_hit" ("at");
CREATE INDEX "IX_platform_throttle_hit_bucket_subject_at" ON "platform_throttle_hit" ("bucket", "subject", "at");
