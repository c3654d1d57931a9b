-- pay_periods: hours in one pay period, to turn any stated pay into hourly (a year is 2,080 hours).
CREATE OR REPLACE TABLE pay_periods AS
SELECT * FROM (VALUES ('hour', 1.0), ('day', 8.0), ('week', 40.0), ('month', 2080.0 / 12), ('year', 2080.0))
    AS p(period, hours);
