-- Yiyang migration 20261123171000_QuotaPage (PostgreSQL). A green-channel quota's daily number can be changed: the
-- appointment's composite foreign key (quota_id, daily_quota) follows the quota (ON UPDATE CASCADE), and the slot check
-- (slot_ordinal BETWEEN 1 AND daily_quota) is evaluated again on every cascaded row, so a quota can never drop below a
-- slot number in use. The model cannot express ON UPDATE (EF Core); the schema drift test does not compare it.

ALTER TABLE greenchannel_appointment DROP CONSTRAINT "FK_greenchannel_appointment_greenchannel_quota_quota_id_daily_~";

ALTER TABLE greenchannel_appointment ADD CONSTRAINT "FK_greenchannel_appointment_greenchannel_quota_quota_id_daily_~"
    FOREIGN KEY (quota_id, daily_quota) REFERENCES greenchannel_quota (id, daily_quota) ON UPDATE CASCADE ON DELETE RESTRICT;
