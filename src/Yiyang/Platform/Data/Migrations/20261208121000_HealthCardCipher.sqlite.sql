-- Yiyang migration 20261208121000_HealthCardCipher (SQLite). The 居民健康卡 number is encrypted like the other identifiers:
-- a cipher and a display mask; the clear column is renamed health_card_pending and emptied at start-up by the
-- application (HealthCardEncryption), which holds the key. A later migration drops it.
ALTER TABLE "elders_elder" RENAME COLUMN "health_card_no" TO "health_card_pending";
ALTER TABLE "elders_elder" ADD "health_card_cipher" BLOB NULL;
ALTER TABLE "elders_elder" ADD "health_card_masked" TEXT NULL;
