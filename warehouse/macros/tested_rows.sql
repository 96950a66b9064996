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

{#- Each key (the columns named, none NULL) that occurs more than once in the relation, with its count, among the
    keys of the rows under test. It groups a 64-bit hash of the key first and the key itself only where a hash
    repeats: grouping or semi-joining the 32-character md5 text of 6 M new fact_ids spilled under up's 448MB, took
    9 s beside the sink at 100k trades/s and ran out of memory at 200MB, where the hashes take 1-2 s. Equal hashes of
    different keys (a collision) only add a candidate the exact grouping then drops.
    bound_column, when given, is a column equal in every row of one key and growing with history (a trade id): a
    repeat of a row under test then has at least the lowest value among those rows, so the older rows below it are
    never read, and the cost follows what is new rather than the table's history. -#}
{% macro repeated_keys(relation, key_columns, bound_column=none) -%}
{%- set key = key_columns | join(', ') -%}
{%- set present -%}
{% for column in key_columns %}{{ column }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
{%- if bound_column and testing_new_rows_only() %} and {{ bound_column }} >= (select min({{ bound_column }}) from {{ relation }} where {{ rows_under_test() }}){% endif %}
{%- endset -%}
with repeated_hashes as (
    select hash({{ key }}) as key_hash
    from {{ relation }}
    where {{ present }}
    {%- if testing_new_rows_only() %}
      and hash({{ key }}) in (select hash({{ key }}) from {{ relation }} where {{ present }} and {{ rows_under_test() }})
    {%- endif %}
    group by 1
    having count(*) > 1
)
select {{ key }}, count(*) as n_records
from {{ relation }}
where {{ present }}
  and hash({{ key }}) in (select key_hash from repeated_hashes)
group by {{ key }}
having count(*) > 1
{%- endmacro %}

{#- dbt's unique test for an append-only table: each value of the rows under test occurs once in the whole table.
    Without the var it is dbt's unique, computed through repeated_keys. -#}
{% test unique_in_appended_table(model, column_name, bound_column=none) %}
select {{ column_name }} as unique_field, n_records
from ({{ repeated_keys(model, [column_name], bound_column) }}) as repeated
{% endtest %}
