-- Days of extension granted per case, kept in the ledger: the limits (条例 第32条: at most 30 days in
-- total) are checked against these columns, never against process variables a caller could reach.
ALTER TABLE xf_petition ADD COLUMN extended_days INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE xf_petition ADD COLUMN referral_extended_days INTEGER DEFAULT 0 NOT NULL;
