{#- The ends of time for dimension versions: the first version of a ticker starts at the beginning so that trades
    older than the first snapshot find it; the current version ends at the far future. Versions are half-open
    [valid_from, valid_to). -#}
{% macro beginning_of_time() -%} timestamp '1900-01-01 00:00:00' {%- endmacro %}
{% macro end_of_time() -%} timestamp '9999-12-31 00:00:00' {%- endmacro %}

{#- A version's surrogate key: the same ticker and start always give the same key, in every run. -#}
{% macro version_key(ticker, valid_from) -%}
    md5(cast({{ ticker }} as varchar) || '|' || {{ timestamp_text(valid_from) }})
{%- endmacro %}
