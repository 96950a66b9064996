-- Snowflake objects of the cryptopipe production path (docs/DEPLOY.md step 4). Run once in a worksheet as a user
-- holding SYSADMIN and SECURITYADMIN; every statement is idempotent, so running it again is harmless.
--
-- Before running: replace both '<RSA public key ...>' values with the body of your public key (the lines between
-- BEGIN PUBLIC KEY and END PUBLIC KEY, joined). `./cryptopipe snowflake-config` prints that body for your key.
--
--   KAFKA_USER / KAFKA_ROLE  Snowflake's Kafka connector: creates and fills STOCK_TRADES_RAW (Snowpipe Streaming)
--   DBT_USER / DBT_ROLE      the transformations (dbt target prod): read the raw table, build models and snapshots
--   TRANSFORM_WH             the warehouse the transformations run on (Snowpipe Streaming needs none)
--   STREAMING_DB.PUBLIC      where everything lives, as in the embedded DuckDB warehouse

USE ROLE SYSADMIN;

CREATE WAREHOUSE IF NOT EXISTS TRANSFORM_WH
    WAREHOUSE_SIZE = XSMALL
    AUTO_SUSPEND = 60
    AUTO_RESUME = TRUE
    INITIALLY_SUSPENDED = TRUE
    COMMENT = 'cryptopipe transformations (dbt snapshot, run, test every minute)';

CREATE DATABASE IF NOT EXISTS STREAMING_DB COMMENT = 'cryptopipe: raw trades and their models';
CREATE SCHEMA IF NOT EXISTS STREAMING_DB.PUBLIC;

USE ROLE SECURITYADMIN;

CREATE ROLE IF NOT EXISTS KAFKA_ROLE COMMENT = 'Snowflake Kafka connector of cryptopipe';
CREATE ROLE IF NOT EXISTS DBT_ROLE COMMENT = 'cryptopipe transformations';
-- Administrators keep control of everything these roles create.
GRANT ROLE KAFKA_ROLE TO ROLE SYSADMIN;
GRANT ROLE DBT_ROLE TO ROLE SYSADMIN;

-- The connector: the privileges must be granted to its role directly (the connector ignores inherited ones).
-- With Snowpipe Streaming it creates STOCK_TRADES_RAW (RECORD_METADATA, RECORD_CONTENT) and owns it.
GRANT USAGE ON DATABASE STREAMING_DB TO ROLE KAFKA_ROLE;
GRANT USAGE ON SCHEMA STREAMING_DB.PUBLIC TO ROLE KAFKA_ROLE;
GRANT CREATE TABLE ON SCHEMA STREAMING_DB.PUBLIC TO ROLE KAFKA_ROLE;

-- The transformations: build views, tables and snapshots in the schema, and read everything in it, including the
-- raw table the connector owns (future grants cover tables created after this script).
GRANT USAGE ON WAREHOUSE TRANSFORM_WH TO ROLE DBT_ROLE;
GRANT USAGE ON DATABASE STREAMING_DB TO ROLE DBT_ROLE;
GRANT USAGE ON SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;
GRANT CREATE TABLE, CREATE VIEW ON SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;
GRANT SELECT ON ALL TABLES IN SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;
GRANT SELECT ON FUTURE TABLES IN SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;
GRANT SELECT ON ALL VIEWS IN SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;
GRANT SELECT ON FUTURE VIEWS IN SCHEMA STREAMING_DB.PUBLIC TO ROLE DBT_ROLE;

-- Service users: key-pair authentication only, no password.
CREATE USER IF NOT EXISTS KAFKA_USER
    TYPE = SERVICE
    DEFAULT_ROLE = KAFKA_ROLE
    RSA_PUBLIC_KEY = '<RSA public key of KAFKA_USER>'
    COMMENT = 'Snowflake Kafka connector of cryptopipe';
GRANT ROLE KAFKA_ROLE TO USER KAFKA_USER;

CREATE USER IF NOT EXISTS DBT_USER
    TYPE = SERVICE
    DEFAULT_ROLE = DBT_ROLE
    DEFAULT_WAREHOUSE = TRANSFORM_WH
    RSA_PUBLIC_KEY = '<RSA public key of DBT_USER>'
    COMMENT = 'cryptopipe transformations';
GRANT ROLE DBT_ROLE TO USER DBT_USER;
