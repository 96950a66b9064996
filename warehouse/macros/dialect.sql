{#- The few expressions whose spelling differs between the embedded warehouse (DuckDB) and Snowflake, dispatched
    on the target's type as dbt does (default__ = DuckDB). Everything else in the models is SQL both accept. -#}

{#- A timestamp (without time zone, UTC by convention) from microseconds or milliseconds since the epoch. -#}
{% macro timestamp_from_epoch_us(expression) -%}
    {{ return(adapter.dispatch('timestamp_from_epoch_us', 'cryptopipe')(expression)) }}
{%- endmacro %}
{% macro default__timestamp_from_epoch_us(expression) -%} make_timestamp({{ expression }}) {%- endmacro %}
{% macro snowflake__timestamp_from_epoch_us(expression) -%} to_timestamp_ntz({{ expression }}, 6) {%- endmacro %}

{% macro timestamp_from_epoch_ms(expression) -%}
    {{ return(adapter.dispatch('timestamp_from_epoch_ms', 'cryptopipe')(expression)) }}
{%- endmacro %}
{% macro default__timestamp_from_epoch_ms(expression) -%} epoch_ms({{ expression }}) {%- endmacro %}
{% macro snowflake__timestamp_from_epoch_ms(expression) -%} to_timestamp_ntz({{ expression }}, 3) {%- endmacro %}

{#- The current time as a UTC timestamp, like the trade times; DuckDB's now()::timestamp would follow the session's
    time zone, and Snowflake's current_timestamp() the account's. -#}
{% macro utc_now() -%}
    {{ return(adapter.dispatch('utc_now', 'cryptopipe')()) }}
{%- endmacro %}
{% macro default__utc_now() -%} make_timestamp(epoch_us(now())) {%- endmacro %}
{% macro snowflake__utc_now() -%} sysdate() {%- endmacro %}

{#- A timestamp as text with microseconds, the same text on both warehouses (for keys hashed from it). -#}
{% macro timestamp_text(expression) -%}
    {{ return(adapter.dispatch('timestamp_text', 'cryptopipe')(expression)) }}
{%- endmacro %}
{% macro default__timestamp_text(expression) -%} strftime({{ expression }}, '%Y-%m-%d %H:%M:%S.%f') {%- endmacro %}
{% macro snowflake__timestamp_text(expression) -%} to_varchar({{ expression }}, 'YYYY-MM-DD HH24:MI:SS.FF6') {%- endmacro %}

{#- The position of a row in the append-only raw table. DuckDB numbers rows in commit order (rowid), so "after the
    last row already read" is exact and costs nothing to test; Snowflake has no such number, so there the
    incremental models fall back to the load time with a look-back (new_raw_rows below). -#}
{% macro raw_row_position() -%}
    {{ return(adapter.dispatch('raw_row_position', 'cryptopipe')()) }}
{%- endmacro %}
{% macro default__raw_row_position() -%} rowid {%- endmacro %}
{% macro snowflake__raw_row_position() -%} cast(null as bigint) {%- endmacro %}

{#- The predicate an incremental model puts on bronze rows to read only those landed since its last run. On DuckDB
    it compares raw row positions (pushed down to the table scan, so an incremental run never parses old JSON); on
    Snowflake, load times with a bounded look-back for rows committed late. Rows read twice are harmless: the models
    drop what they already hold. row_id and loaded_at name the columns to compare, for callers reading the raw
    table itself rather than bronze. -#}
{% macro new_raw_rows(existing, row_id='raw_row_id', loaded_at='loaded_at') -%}
    {{ return(adapter.dispatch('new_raw_rows', 'cryptopipe')(existing, row_id, loaded_at)) }}
{%- endmacro %}
{% macro default__new_raw_rows(existing, row_id, loaded_at) -%}
{{ row_id }} > (select coalesce(max(raw_row_id), -1) from {{ existing }})
{%- endmacro %}
{% macro snowflake__new_raw_rows(existing, row_id, loaded_at) -%}
{{ loaded_at }} > (select coalesce(max(loaded_at), timestamp '1970-01-01') from {{ existing }})
            - interval '{{ var("silver_lookback_minutes", 10) }} minutes'
{%- endmacro %}

{#- Text to DECIMAL(38, 8), NULL when it is not a number. DuckDB parses into a 128-bit DECIMAL(38, 8) about twice as
    slowly as into a 64-bit DECIMAL(18, 8), so values that fit the latter (every price and nearly every quantity)
    take that path first; the result is the same exact value either way. -#}
{% macro exact_decimal(expression) -%}
    {{ return(adapter.dispatch('exact_decimal', 'cryptopipe')(expression)) }}
{%- endmacro %}
{% macro default__exact_decimal(expression) -%}
cast(coalesce(try_cast({{ expression }} as decimal(18, 8)), try_cast({{ expression }} as decimal(38, 8))) as decimal(38, 8))
{%- endmacro %}
{% macro snowflake__exact_decimal(expression) -%} try_cast({{ expression }} as decimal(38, 8)) {%- endmacro %}

{#- Written between a CTE's name and its body, for a CTE several parts of the query read that is cheaper to compute
    again than to hold. DuckDB materializes such a CTE whole, every column of every row, before the first reader
    runs: fact_trades' new trades at 6 M rows (a minute at 100k trades/s) spilled to disk under up's 448MB, and the
    insert took 18 s; computed in each reader (a scan of silver's newest row groups) it takes 5 s.
    Snowflake decides this itself and has no such keyword. -#}
{% macro computed_in_each_reader() -%}
    {{ return(adapter.dispatch('computed_in_each_reader', 'cryptopipe')()) }}
{%- endmacro %}
{% macro default__computed_in_each_reader() -%} not materialized {%- endmacro %}
{% macro snowflake__computed_in_each_reader() -%} {%- endmacro %}

{#- The opposite, for a CTE whose readers would each repeat costly work on every row: computed once and held.
    silver_trades' typed and checked new rows have four readers; DuckDB, left to itself, held the parsed JSON and
    cast and checked it again in each reader. Snowflake decides this itself and has no such keyword. -#}
{% macro computed_once_for_all_readers() -%}
    {{ return(adapter.dispatch('computed_once_for_all_readers', 'cryptopipe')()) }}
{%- endmacro %}
{% macro default__computed_once_for_all_readers() -%} materialized {%- endmacro %}
{% macro snowflake__computed_once_for_all_readers() -%} {%- endmacro %}
