-- Fill pay from stg_pay.
DELETE FROM pay;
INSERT INTO pay
SELECT posting_id, pay_min, pay_max, period, currency, hourly_min, hourly_max, hourly_mid, annual_mid, pay_source
FROM stg_pay;
