-- ma_credentials: the Medical Assistant credentials (not CPR/BLS, phlebotomy or coding), with who awards them.
CREATE OR REPLACE TABLE ma_credentials AS
SELECT * FROM (VALUES
    ('CMA', 'Certified Medical Assistant (AAMA)'),
    ('RMA', 'Registered Medical Assistant (AMT)'),
    ('CCMA', 'Certified Clinical Medical Assistant (NHA)'),
    ('NCMA', 'National Certified Medical Assistant (NCCT)'),
    ('NRCMA', 'Nationally Registered Certified Medical Assistant (NAHP)'),
    ('CMAC', 'Certified Medical Assistant Clinical (AMCA)'),
    ('CMAA', 'Certified Medical Administrative Assistant (NHA)'),
    ('WA_MA_C', 'Washington Medical Assistant-Certified (state)'),
    ('MA_ANY', 'A certified MA, no credential named')
) AS c(code, name);
