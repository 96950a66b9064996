{#- A JSON field as text: DuckDB's ->> operator here; Snowflake reads VARIANT fields with column:"field"::string. -#}
{% macro json_text(column, field) -%}
    {{ return(adapter.dispatch('json_text', 'cryptopipe')(column, field)) }}
{%- endmacro %}

{% macro default__json_text(column, field) -%}
    {{ column }} ->> '{{ field }}'
{%- endmacro %}

{% macro snowflake__json_text(column, field) -%}
    {{ column }}:"{{ field }}"::string
{%- endmacro %}
