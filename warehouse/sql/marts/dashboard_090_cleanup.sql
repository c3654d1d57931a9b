-- The per-posting facts were only needed to build the dashboard's cubes.
DROP TABLE IF EXISTS dashboard_posting_facts;
