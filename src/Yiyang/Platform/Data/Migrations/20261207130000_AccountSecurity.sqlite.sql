-- Yiyang migration 20261207130000_AccountSecurity (SQLite). Session stamp, second factor and password history (see the
-- PostgreSQL script). SQLite keeps the column default that ADD COLUMN ... NOT NULL needs; the app always writes a stamp.
ALTER TABLE "accounts_user" ADD "session_stamp" TEXT NOT NULL DEFAULT '';
UPDATE "accounts_user" SET "session_stamp" = lower(hex(randomblob(16)));
ALTER TABLE "accounts_user" ADD "totp_secret" BLOB NULL;
ALTER TABLE "accounts_user" ADD "totp_enabled_at" INTEGER NULL;
ALTER TABLE "accounts_user" ADD "totp_last_step" INTEGER NULL;

CREATE TABLE "accounts_password_history" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_accounts_password_history" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_accounts_password_history_accounts_user_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") ON DELETE CASCADE
);
CREATE INDEX "IX_accounts_password_history_user_id" ON "accounts_password_history" ("user_id");

CREATE TABLE "accounts_recovery_code" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_accounts_recovery_code" PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "used_at" INTEGER NULL,
    CONSTRAINT "FK_accounts_recovery_code_accounts_user_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_accounts_recovery_code_user_id_code_hash" ON "accounts_recovery_code" ("user_id", "code_hash");
