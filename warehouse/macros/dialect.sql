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

{#- Joins each left row to the latest right row at or before its time with equal keys, or to NULLs when there is
    none: DuckDB's ASOF LEFT JOIN, Snowflake's ASOF JOIN ... MATCH_CONDITION (which pads with NULLs itself). -#}
{% macro asof_left_join(relation, alias, left_time, right_time, keys_equal) -%}
    {{ return(adapter.dispatch('asof_left_join', 'cryptopipe')(relation, alias, left_time, right_time, keys_equal)) }}
{%- endmacro %}
{% macro default__asof_left_join(relation, alias, left_time, right_time, keys_equal) -%}
asof left join {{ relation }} as {{ alias }}
    on {{ keys_equal }}
   and {{ right_time }} <= {{ left_time }}
{%- endmacro %}
{% macro snowflake__asof_left_join(relation, alias, left_time, right_time, keys_equal) -%}
asof join {{ relation }} as {{ alias }}
    match_condition ({{ left_time }} >= {{ right_time }})
    on {{ keys_equal }}
{%- endmacro %}
