{#- A JSON field as text: DuckDB's ->> operator here (NULL, not an error, when the text is not valid JSON, as
    json_fields below); Snowflake reads VARIANT fields with column:"field"::string. -#}
{% macro json_text(column, field) -%}
    {{ return(adapter.dispatch('json_text', 'cryptopipe')(column, field)) }}
{%- endmacro %}

{% macro default__json_text(column, field) -%}
    try({{ column }} ->> '{{ field }}')
{%- endmacro %}

{% macro snowflake__json_text(column, field) -%}
    {{ column }}:"{{ field }}"::string
{%- endmacro %}

{#- A JSON column read once for several typed fields: json_fields gives the parsed form of the column, json_field
    one typed field of it. DuckDB parses the text once into a struct (json_transform) instead of once per ->> field,
    three times faster for a trade's 14 fields. Snowflake stores VARIANT, so its parsed form is the column itself.
    On both, a field that is missing or does not convert to its type is NULL (silver rejects such rows) rather than
    an error that would stop every later build; so is every field of a record that is not valid JSON (the sink only
    stores valid JSON, but one raw row that was not would otherwise fail every build after it).
    fields maps each field to its SQL type. -#}
{% macro json_fields(column, fields) -%}
    {{ return(adapter.dispatch('json_fields', 'cryptopipe')(column, fields)) }}
{%- endmacro %}

{% macro default__json_fields(column, fields) -%}
    try(json_transform({{ column }}, '{
    {%- for name, type in fields.items() -%}
        "{{ name }}":"{{ type | upper }}"{{ "," if not loop.last }}
    {%- endfor -%}
    }'))
{%- endmacro %}

{% macro snowflake__json_fields(column, fields) -%}
    {{ column }}
{%- endmacro %}

{% macro json_field(parsed, fields, name) -%}
    {{ return(adapter.dispatch('json_field', 'cryptopipe')(parsed, fields, name)) }}
{%- endmacro %}

{% macro default__json_field(parsed, fields, name) -%}
    {{ parsed }}."{{ name }}"
{%- endmacro %}

{% macro snowflake__json_field(parsed, fields, name) -%}
    {%- if fields[name] == 'varchar' -%}
        {{ parsed }}:"{{ name }}"::string
    {%- else -%}
        try_cast({{ parsed }}:"{{ name }}"::string as {{ fields[name] }})
    {%- endif -%}
{%- endmacro %}
