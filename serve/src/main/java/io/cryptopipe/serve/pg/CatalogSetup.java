package io.cryptopipe.serve.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Prepares a DuckDB connection for a PostgreSQL client: results stream, unqualified names resolve in {@code public},
 * and the catalog that clients browse looks like PostgreSQL's. DuckDB ships most of {@code pg_catalog}; what it lacks
 * or answers differently is defined here as temporary macros and views, which shadow the built-in ones for
 * unqualified names ({@link CatalogRewriter} drops the {@code pg_catalog.} qualifier) and live in the connection's
 * own temporary catalog, so nothing is written to the warehouse file.
 */
final class CatalogSetup {
    /** PostgreSQL's type oid for a DuckDB type name, matching {@link PgType#ofDuckDb}. */
    private static final String PG_TYPE_OID = """
            CREATE OR REPLACE TEMP MACRO cp_pg_type_oid(t) AS CASE
              WHEN t LIKE 'DECIMAL%' THEN 1700 WHEN t = 'BOOLEAN' THEN 16
              WHEN t IN ('TINYINT', 'SMALLINT', 'UTINYINT') THEN 21 WHEN t IN ('INTEGER', 'USMALLINT') THEN 23
              WHEN t IN ('BIGINT', 'UINTEGER') THEN 20 WHEN t IN ('HUGEINT', 'UBIGINT', 'UHUGEINT') THEN 1700
              WHEN t = 'FLOAT' THEN 700 WHEN t = 'DOUBLE' THEN 701 WHEN t = 'VARCHAR' THEN 1043
              WHEN t = 'DATE' THEN 1082 WHEN t = 'TIME' THEN 1083 WHEN t LIKE 'TIMESTAMP WITH%' THEN 1184
              WHEN t LIKE 'TIMESTAMP%' THEN 1114 WHEN t = 'INTERVAL' THEN 1186 WHEN t = 'BLOB' THEN 17
              WHEN t = 'JSON' THEN 114 WHEN t = 'UUID' THEN 2950 ELSE 25 END""";
    private static final String PG_TYPE_MOD = """
            CREATE OR REPLACE TEMP MACRO cp_pg_typmod(t, p, s) AS
              CASE WHEN t LIKE 'DECIMAL%' THEN ((p << 16) | s) + 4 ELSE -1 END""";
    private static final String FORMAT_TYPE = """
            CREATE OR REPLACE TEMP MACRO format_type(type_oid, typemod) AS CASE type_oid
              WHEN 1700 THEN CASE WHEN typemod > 4 THEN 'numeric(' || ((typemod - 4) >> 16) || ',' || ((typemod - 4) & 65535) || ')' ELSE 'numeric' END
              WHEN 1043 THEN 'character varying' WHEN 1114 THEN 'timestamp without time zone'
              WHEN 1184 THEN 'timestamp with time zone' WHEN 16 THEN 'boolean' WHEN 20 THEN 'bigint'
              WHEN 21 THEN 'smallint' WHEN 23 THEN 'integer' WHEN 25 THEN 'text' WHEN 700 THEN 'real'
              WHEN 701 THEN 'double precision' WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone'
              WHEN 1186 THEN 'interval' WHEN 17 THEN 'bytea' WHEN 114 THEN 'json' WHEN 2950 THEN 'uuid'
              ELSE 'text' END""";
    private static final String PG_ATTRIBUTE = """
            CREATE OR REPLACE TEMP VIEW pg_attribute AS
            SELECT a.* REPLACE (coalesce(cp_pg_type_oid(c.data_type), a.atttypid) AS atttypid,
                                coalesce(cp_pg_typmod(c.data_type, c.numeric_precision, c.numeric_scale), a.atttypmod) AS atttypmod)
            FROM pg_catalog.pg_attribute a
            LEFT JOIN duckdb_columns() c ON c.table_oid = a.attrelid AND c.column_index = a.attnum""";
    private static final String PG_TYPE = """
            CREATE OR REPLACE TEMP VIEW pg_type AS
            SELECT * FROM pg_catalog.pg_type
            UNION ALL BY NAME
            SELECT * FROM (VALUES (25, 'text', -1, 'S'), (114, 'json', -1, 'U')) v(oid, typname, typlen, typcategory)
              CROSS JOIN (SELECT oid AS typnamespace, 'b' AS typtype, 0 AS typrelid, 0 AS typelem, 0 AS typbasetype,
                                 0 AS typowner, true AS typisdefined, 'i' AS typalign, 'x' AS typstorage, -1 AS typtypmod
                          FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')""";
    private static final String PG_DATABASE = """
            CREATE OR REPLACE TEMP VIEW pg_database AS
            SELECT oid, datname, 10 AS datdba, 6 AS encoding, 'c' AS datlocprovider, false AS datistemplate,
                   true AS datallowconn, -1 AS datconnlimit, 0 AS datfrozenxid, 0 AS datminmxid, 0 AS dattablespace,
                   'C' AS datcollate, 'C' AS datctype, NULL::VARCHAR AS daticulocale, NULL::VARCHAR AS daticurules,
                   NULL::VARCHAR AS datcollversion, NULL::VARCHAR[] AS datacl
            FROM pg_catalog.pg_database WHERE datname = current_database()""";
    private static final String PG_NAMESPACE = """
            CREATE OR REPLACE TEMP VIEW pg_namespace AS
            SELECT * FROM pg_catalog.pg_namespace WHERE nspname <> 'main'""";
    private static final String PG_CLASS = """
            CREATE OR REPLACE TEMP VIEW pg_class AS
            SELECT *, false AS relforcerowsecurity FROM pg_catalog.pg_class""";
    private static final List<String> STATEMENTS = List.of(
            "SET SESSION jdbc_stream_results = true",
            "SET search_path = 'public'",
            PG_TYPE_OID, PG_TYPE_MOD, FORMAT_TYPE, PG_ATTRIBUTE, PG_TYPE, PG_DATABASE, PG_NAMESPACE, PG_CLASS,
            "CREATE OR REPLACE TEMP VIEW pg_roles AS SELECT 10 AS oid, 'cryptopipe' AS rolname, false AS rolsuper, true AS rolcanlogin",
            "CREATE OR REPLACE TEMP VIEW pg_policy AS SELECT NULL::VARCHAR AS polname, true AS polpermissive, [0] AS polroles,"
                    + " NULL::VARCHAR AS polqual, NULL::VARCHAR AS polwithcheck, NULL::VARCHAR AS polcmd, 0 AS polrelid WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_statistic_ext AS SELECT 0 AS oid, 0 AS stxrelid, NULL::VARCHAR AS stxname,"
                    + " 0 AS stxnamespace, [0] AS stxkind, 0 AS stxstattarget, [0] AS stxkeys WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_publication AS SELECT 0 AS oid, NULL::VARCHAR AS pubname, false AS puballtables WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_publication_rel AS SELECT 0 AS oid, 0 AS prpubid, 0 AS prrelid, NULL::VARCHAR AS prqual, [0] AS prattrs WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_publication_namespace AS SELECT 0 AS oid, 0 AS pnpubid, 0 AS pnnspid WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_inherits AS SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno, false AS inhdetachpending WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_trigger AS SELECT 0 AS oid, 0 AS tgrelid, NULL::VARCHAR AS tgname, false AS tgisinternal,"
                    + " NULL::VARCHAR AS tgenabled, 0 AS tgparentid WHERE false",
            "CREATE OR REPLACE TEMP VIEW pg_sequence AS SELECT 0 AS seqrelid, 0 AS seqstart, 0 AS seqincrement, 0 AS seqmin,"
                    + " 0 AS seqmax, 0 AS seqcache, false AS seqcycle WHERE false",
            "CREATE OR REPLACE TEMP MACRO pg_get_serial_sequence(table_name, column_name) AS NULL::VARCHAR",
            "CREATE OR REPLACE TEMP MACRO pg_get_userbyid(id) AS 'cryptopipe'",
            "CREATE OR REPLACE TEMP MACRO array_upper(arr, dim) AS len(arr)",
            "CREATE OR REPLACE TEMP MACRO array_lower(arr, dim) AS CASE WHEN len(arr) > 0 THEN 1 END",
            "CREATE OR REPLACE TEMP MACRO pg_encoding_to_char(e) AS 'UTF8'",
            "CREATE OR REPLACE TEMP MACRO current_schema() AS 'public'",
            "CREATE OR REPLACE TEMP MACRO current_schemas(implicit) AS CASE WHEN implicit THEN ['pg_catalog', 'public'] ELSE ['public'] END",
            "CREATE OR REPLACE TEMP MACRO current_user() AS 'cryptopipe'",
            "CREATE OR REPLACE TEMP MACRO session_user() AS 'cryptopipe'",
            "CREATE OR REPLACE TEMP MACRO pg_backend_pid() AS 0",
            "CREATE OR REPLACE TEMP MACRO pg_get_expr(expr, relation) AS expr, (expr, relation, pretty) AS expr",
            "CREATE OR REPLACE TEMP MACRO pg_get_indexdef(index_oid) AS ''",
            "CREATE OR REPLACE TEMP MACRO pg_get_indexdef(index_oid, col, pretty) AS ''",
            "CREATE OR REPLACE TEMP MACRO pg_get_partkeydef(table_oid) AS NULL::VARCHAR",
            "CREATE OR REPLACE TEMP MACRO pg_get_statisticsobjdef_columns(oid) AS NULL::VARCHAR",
            "CREATE OR REPLACE TEMP MACRO pg_relation_is_publishable(oid) AS false",
            "CREATE OR REPLACE TEMP MACRO pg_total_relation_size(oid) AS 0",
            "CREATE OR REPLACE TEMP MACRO pg_relation_size(oid) AS 0",
            "CREATE OR REPLACE TEMP MACRO cp_regclass(name) AS (SELECT min(oid) FROM pg_catalog.pg_class WHERE relname = split_part(replace(name, '\"', ''), '.', -1))",
            "CREATE OR REPLACE TEMP MACRO cp_regtype(name) AS (SELECT min(oid) FROM pg_type WHERE typname = split_part(replace(name, '\"', ''), '.', -1))");

    void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
            statement.execute("CREATE OR REPLACE TEMP MACRO version() AS '" + version(statement) + "'");
        }
    }

    /** SQLAlchemy and others parse "PostgreSQL X.Y" out of version(). */
    private static String version(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT library_version FROM pragma_version()")) {
            rs.next();
            return "PostgreSQL " + PgServer.SERVER_VERSION + " (cryptopipe read-only endpoint over DuckDB "
                    + rs.getString(1).replace("'", "") + ")";
        }
    }
}
