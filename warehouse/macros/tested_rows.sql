{#- The data tests of the append-only tables (silver_trades, fact_trades) grow with their history: at 100k trades/s
    the uniqueness checks alone read 36 M rows after six minutes and took 20 s. With the var test_rows_after (a raw
    row position), such a test checks only the rows after it, each against the whole table: a new row that repeats
    an old one is still found, two old rows that repeat each other are not (the run that passed at that position
    checked them). The scheduler passes the position of its last passing test run, and nothing when the tables were
    rebuilt since; without the var (dbt test by hand, Snowflake, where raw_row_id is NULL) every row is checked. -#}

{% macro testing_new_rows_only() -%}
    {{ return(var('test_rows_after', -1) | int >= 0) }}
{%- endmacro %}

{#- The rows a test of an append-only table checks: those after the var's position (NULL positions included). -#}
{% macro rows_under_test(row_id='raw_row_id') -%}
    {%- if testing_new_rows_only() -%}
        ({{ row_id }} is null or {{ row_id }} > {{ var('test_rows_after') | int }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- dbt's unique test for an append-only table: each value of the rows under test occurs once in the whole table.
    Without the var it is dbt's unique. -#}
{% test unique_in_appended_table(model, column_name) %}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
{%- if testing_new_rows_only() %}
  and {{ column_name }} in (select {{ column_name }} from {{ model }} where {{ rows_under_test() }})
{%- endif %}
group by {{ column_name }}
having count(*) > 1
{% endtest %}
