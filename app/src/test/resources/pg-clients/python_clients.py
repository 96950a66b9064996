"""psycopg2 with pandas.read_sql, and SQLAlchemy's inspector (the postgresql dialect Superset uses), against the
running pipeline. Connection settings come from PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD."""
import os
import sys
import warnings

import pandas
import psycopg2
import sqlalchemy

warnings.simplefilter("ignore")  # pandas warns that a DBAPI connection is not SQLAlchemy's: that is the point here

with psycopg2.connect("") as connection:
    frame = pandas.read_sql("select * from consumption_trades order by trade_time desc limit 100", connection)
    print("pandas rows", len(frame), "columns", ",".join(frame.columns))
    assert len(frame) > 0
    assert "total_amount_usd" in frame.columns
    with connection.cursor() as cursor:
        cursor.execute("select count(*) from consumption_trades where ticker = %s", ("BTCUSDT",))
        print("psycopg2 BTCUSDT trades", cursor.fetchone()[0])
        try:
            cursor.execute("delete from fact_trades")
            sys.exit("a write was accepted")
        except psycopg2.Error as error:
            print("psycopg2 write refused", error.pgcode)
            assert error.pgcode == "25006"
        connection.rollback()

url = "postgresql+psycopg2://{user}:{password}@{host}:{port}/{database}".format(
    user=os.environ["PGUSER"], password=os.environ.get("PGPASSWORD", ""), host=os.environ["PGHOST"],
    port=os.environ["PGPORT"], database=os.environ["PGDATABASE"])
engine = sqlalchemy.create_engine(url)
inspector = sqlalchemy.inspect(engine)
schemas = inspector.get_schema_names()
tables = inspector.get_table_names(schema="public")
views = inspector.get_view_names(schema="public")
columns = [c["name"] + ":" + str(c["type"]) for c in inspector.get_columns("consumption_trades", schema="public")]
print("sqlalchemy schemas", schemas)
print("sqlalchemy tables", tables)
print("sqlalchemy views", views)
print("sqlalchemy columns", columns)
assert "public" in schemas
assert "fact_trades" in tables and "dim_symbol" in tables
assert "consumption_trades" in views
assert any(c.startswith("total_amount_usd:NUMERIC") for c in columns)
with engine.connect() as connection:
    print("sqlalchemy count", connection.execute(sqlalchemy.text("select count(*) from consumption_trades")).scalar())
print("done")
