-- Statements a researcher's sql session must refuse (exit 2, no side effect). One per block, blocks separated by a
-- line '----'. %w is the warehouse, %o a watched folder that must stay empty, %m a marker file that must not appear.
SELECT * FROM (SELECT TRANSFORM(record_id) USING 'touch %m' AS (line STRING) FROM victims) LIMIT 5
----
EXECUTE IMMEDIATE 'SET enable_external_access=true'
----
EXECUTE IMMEDIATE 'INSERT OVERWRITE DIRECTORY "%o" USING csv SELECT * FROM csv.`%w/restricted/ledger-values/2026Q3.csv`'
----
SELECT reflect('java.lang.System', 'getProperty', 'user.dir')
----
SELECT java_method('java.lang.Runtime', 'getRuntime')
----
SELECT input_file_name() FROM victims
----
SELECT * FROM read_csv('%w/restricted/ledger-values/2026Q3.csv')
----
SELECT * FROM read_csv_auto('%w/restricted/canary')
----
SELECT * FROM read_text('%w/restricted/canary')
----
SELECT * FROM read_blob('%w/restricted/canary')
----
SELECT * FROM read_parquet('%w/restricted/staged/victims/*/*.parquet')
----
SELECT * FROM '%w/restricted/staged/victims/reference_quarter=2026Q3/*.parquet'
----
SELECT * FROM "%w/restricted/canary"
----
SELECT * FROM glob('%w/restricted/*')
----
SELECT * FROM query('SELECT 1')
----
SELECT * FROM query_table('victims')
----
SELECT getenv('HOME')
----
SELECT current_setting('allowed_directories')
----
SELECT * FROM duckdb_settings()
----
SELECT * FROM duckdb_tables()
----
COPY victims TO '%o/x.csv'
----
COPY (SELECT 1) TO '%o/y.parquet' (FORMAT parquet)
----
ATTACH '%o/db.duckdb' AS other
----
INSTALL httpfs
----
LOAD httpfs
----
LOAD '%o/evil.duckdb_extension'
----
PRAGMA version
----
SET enable_external_access = true
----
RESET lock_configuration
----
CALL pragma_version()
----
EXPORT DATABASE '%o'
----
CREATE VIEW victims AS SELECT * FROM read_csv('%w/restricted/ledger-values/2026Q3.csv')
----
CREATE OR REPLACE VIEW cases_by_province AS SELECT 1 AS cases
----
CREATE OR REPLACE MACRO x() AS 1
----
CREATE TABLE t AS SELECT * FROM victims
----
INSERT INTO victims VALUES (1)
----
DROP VIEW victims
----
PREPARE p AS SELECT 1
----
EXECUTE p
----
WITH t AS (SELECT * FROM read_csv('%w/restricted/ledger-values/2026Q3.csv')) SELECT * FROM t
----
SELECT (SELECT count(*) FROM read_text('%w/restricted/canary')) AS n FROM victims
----
SELECT 'a' AS a FROM victims UNION ALL SELECT content FROM read_text('%w/restricted/canary')
----
SeLeCt * FrOm ReAd_TeXt('%w/restricted/canary')
----
SELECT/**/*/**/FROM/**/read_text('%w/restricted/canary')
----
SELECT *
  FROM
    read_text(
      '%w/restricted/canary'
    )
----
SELECT * FROM U&"r\0065ad_text"('%w/restricted/canary')
----
SELECT * FROM victims; SELECT * FROM read_text('%w/restricted/canary')
----
SELECT * FROM system.main.victims
----
SELECT * FROM information_schema.tables
----
SELECT * FROM victims AT (VERSION => 1)
----
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r
----
SELECT list_transform([1], x -> x + 1)
----
SELECT setseed(0.5)
----
SELECT nextval('s')
----
CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')
----
SELECT * FROM sniff_csv('%w/restricted/ledger-values/2026Q3.csv')
----
SELECT * FROM parquet_metadata('%w/restricted/staged/victims/*/*.parquet')
----
SELECT * FROM pragma_table_info('victims')
----
SELECT * FROM victims WHERE province_code IN (SELECT content FROM read_text('%w/restricted/canary'))
----
DESCRIBE SELECT * FROM read_text('%w/restricted/canary')
----
DESCRIBE '%w/restricted/canary'
----
SUMMARIZE victims
----
PIVOT victims ON gender USING count(*)
----
SELECT * FROM victims, LATERAL (SELECT content FROM read_text('%w/restricted/canary'))
----
FROM read_text('%w/restricted/canary')
----
SELECT ?
----
SELECT * FROM 'https://example.com/x.csv'
----
VACUUM
----
CHECKPOINT
----
USE other
----
DETACH memory
----
SELECT * FROM read_text('%w/published/2026Q2/tables/cases_by_province.csv')
----
SELECT * FROM parquet_scan('%w/published/2026Q2/tables/cases_by_province/*.parquet')
