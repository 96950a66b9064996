{% macro cents(column) -%}
    {{ return(adapter.dispatch('cents')(column)) }}
{%- endmacro %}

{% macro default__cents(column) -%}
    cast(round({{ column }} * 100) as bigint)
{%- endmacro %}

{% macro duckdb__cents(column) -%}
    cast(round({{ column }} * 100) as bigint)
{%- endmacro %}
