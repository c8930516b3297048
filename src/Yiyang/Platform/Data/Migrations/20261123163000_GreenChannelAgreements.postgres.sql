-- Yiyang migration 20261123163000_GreenChannelAgreements (PostgreSQL). Green-channel quotas hang off a cooperation
-- agreement (agreements_agreement with the green-channel item) instead of the greenchannel_partner stand-in, which is
-- dropped. Data: a quota takes its pair's agreement with the green-channel item (the effective one first, else the
-- newest); a pair that has quotas but no such agreement gets a stub agreement stored as 终止 (terminated today, reason
-- below), so its quotas and appointments stay readable and the channel stays closed until a real agreement is signed.

INSERT INTO agreements_agreement (medical_organization_id, care_organization_id, start_on, end_on, items, rounds_per_month, fee,
    medical_duties, care_duties, status, activated_at, terminated_on, terminate_reason, county_code, created_by_user, created_at, updated_at, version)
SELECT p.hospital_organization_id, p.care_organization_id, (now() AT TIME ZONE 'Asia/Shanghai')::date, (now() AT TIME ZONE 'Asia/Shanghai')::date,
    'green-channel', NULL, NULL, '（由绿色通道过渡合作关系迁移）', '（由绿色通道过渡合作关系迁移）', 3, p.created_at, (now() AT TIME ZONE 'Asia/Shanghai')::date,
    '迁移：原绿色通道合作关系未签订签约合作协议，绿色通道暂停；签订协议后重新设置名额。', substr(o.township_code, 1, 6), 'migration', p.created_at, p.created_at, 0
FROM greenchannel_partner p
JOIN org_organization o ON o.id = p.care_organization_id
WHERE EXISTS (SELECT 1 FROM greenchannel_quota q WHERE q.partner_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM agreements_agreement a WHERE a.medical_organization_id = p.hospital_organization_id
      AND a.care_organization_id = p.care_organization_id AND (',' || a.items || ',') LIKE '%,green-channel,%');

ALTER TABLE greenchannel_quota ADD agreement_id bigint NULL;

UPDATE greenchannel_quota q SET agreement_id = (
    SELECT a.id FROM agreements_agreement a
    WHERE a.medical_organization_id = q.hospital_organization_id AND a.care_organization_id = q.care_organization_id
      AND (',' || a.items || ',') LIKE '%,green-channel,%'
    ORDER BY (a.status = 2) DESC, a.id DESC LIMIT 1);

ALTER TABLE greenchannel_quota ALTER COLUMN agreement_id SET NOT NULL;

DROP INDEX ux_greenchannel_quota_department;

-- drops the foreign key to greenchannel_partner with the column
ALTER TABLE greenchannel_quota DROP COLUMN partner_id;

DROP TABLE greenchannel_partner;

ALTER TABLE greenchannel_quota ADD CONSTRAINT "FK_greenchannel_quota_agreements_agreement_agreement_id" FOREIGN KEY (agreement_id) REFERENCES agreements_agreement (id) ON DELETE RESTRICT;

CREATE UNIQUE INDEX ux_greenchannel_quota_department ON greenchannel_quota (agreement_id, department);

-- A down-referral opens a family sickbed or a care-home admission (issue 5 item 6): the link, at most one per referral.
ALTER TABLE referrals_referral ADD sickbed_id bigint;

ALTER TABLE referrals_referral ADD stay_id bigint;

ALTER TABLE referrals_referral ADD CONSTRAINT ck_referrals_referral_follow_up CHECK ((sickbed_id IS NULL AND stay_id IS NULL) OR (direction = 2 AND (sickbed_id IS NULL OR stay_id IS NULL)));

ALTER TABLE referrals_referral ADD CONSTRAINT "FK_referrals_referral_sickbed_sickbed_sickbed_id" FOREIGN KEY (sickbed_id) REFERENCES sickbed_sickbed (id) ON DELETE RESTRICT;

ALTER TABLE referrals_referral ADD CONSTRAINT "FK_referrals_referral_institutions_stay_stay_id" FOREIGN KEY (stay_id) REFERENCES institutions_stay (id) ON DELETE RESTRICT;

CREATE UNIQUE INDEX ux_referrals_referral_sickbed ON referrals_referral (sickbed_id);

CREATE UNIQUE INDEX ux_referrals_referral_stay ON referrals_referral (stay_id);
