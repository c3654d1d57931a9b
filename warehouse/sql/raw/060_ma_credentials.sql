-- ma_credentials: the Medical Assistant credentials (not CPR/BLS, phlebotomy or coding), with who awards them.
-- Selected from `credentials`, which the load builds from pipeline/vocabulary/certifications.toml
-- (warehouse/vocabulary.py): a credential is added there, not here.
CREATE OR REPLACE TABLE ma_credentials AS
SELECT code, name FROM credentials WHERE ma;
