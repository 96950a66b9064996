{#- Raw retention: `dbt run-operation prune_raw_rows --args '{retention_seconds: 604800}'` deletes the raw rows
    loaded more than retention_seconds ago that silver has already read; never a row silver has not read, whatever
    its age (silver holds every trade typed, so raw's JSON is only needed until silver has it). 0 keeps everything.
    `up --raw-retention` runs it after each scheduled run; in production the Airflow DAG runs it daily.

    After pruning, silver and its rejects must never be rebuilt from raw (`--full-refresh`): the rebuild would hold
    only the rows raw still has. Everything downstream of silver can still be rebuilt from silver. -#}
{% macro prune_raw_rows(retention_seconds) -%}
    {%- if retention_seconds | int > 0 -%}
        {%- do run_query(raw_rows_deletion(retention_seconds | int)) -%}
    {%- endif -%}
{%- endmacro %}

{% macro raw_rows_deletion(retention_seconds) -%}
    {{ return(adapter.dispatch('raw_rows_deletion', 'cryptopipe')(retention_seconds)) }}
{%- endmacro %}

{#- DuckDB: silver finds new raw rows by rowid (new_raw_rows), so pruning must leave the rowids of the rows that stay
    as they are. DuckDB keeps them when whole row groups are deleted, but when a checkpoint drops the deleted rows of
    a partly deleted row group it renumbers every row after them, and silver would then skip unread rows as read.
    So this deletes whole row groups only: a row group goes when its last row is old and silver has read it (rows
    are appended in load order, so every row before it is older). The last row group always stays: a table left
    empty numbers its next rows from 0 again. The groups' row ids come from their row counts
    in storage_info, counted from the table's first row; that holds only while no deleted row is left before the
    chosen end in the storage DuckDB reports (a prune not yet checkpointed), and counting the rows before it checks
    that: otherwise nothing is deleted this time, and the next checkpoint makes the count whole again. The newest row
    groups may hold rows of appends not yet committed (storage_info does not see transactions, and at thousands of
    trades a second the sink is always appending), so they are left out of the count, not taken to spoil it. (Macros
    that return, such as json_text, are not called here: the engine's return() does not nest inside a dispatched
    macro.) -#}
{% macro default__raw_rows_deletion(retention_seconds) -%}
{%- set raw = source('kafka', 'stock_trades_raw') -%}
delete from {{ raw }}
where rowid < (
    with row_groups as (
        select row_group_id, sum(count) as row_count
        from pragma_storage_info('{{ raw.schema }}.{{ raw.identifier }}')
        where column_id = 0 and column_path = '[0]'
        group by row_group_id
    ),

    stored as (
        select min(rowid) as first_row, max(rowid) as last_row from {{ raw }}
    ),

    row_group_ends as (
        select stored.first_row + sum(row_count) over (order by row_group_id) as end_row
        from row_groups, stored
    ),

    chosen as (
        select coalesce(max(row_group_ends.end_row), -1) as end_row
        from row_group_ends
        join {{ raw }} as last_row_of_group on last_row_of_group.rowid = row_group_ends.end_row - 1
        where row_group_ends.end_row - 1 < (select last_row from stored)
          and row_group_ends.end_row - 1 <= (select coalesce(max(raw_row_id), -1) from {{ ref('silver_trades') }})
          and try_cast(try(last_row_of_group.RECORD_METADATA ->> 'LoadedAt') as bigint)
              < epoch_ms(now()) - {{ retention_seconds * 1000 }}
    )

    select case when (select count(*) from {{ raw }} where rowid < chosen.end_row)
                     = chosen.end_row - (select first_row from stored)
                then chosen.end_row else -1 end
    from chosen
)
{%- endmacro %}

{#- Snowflake: silver reads the raw rows loaded after its newest row less the look-back (new_raw_rows), so a row
    loaded before that point will never be read again. -#}
{% macro snowflake__raw_rows_deletion(retention_seconds) -%}
{%- set raw = source('kafka', 'stock_trades_raw') -%}
{%- set loaded_at = 'to_timestamp_ntz(try_cast(RECORD_METADATA:"LoadedAt"::string as bigint), 3)' -%}
delete from {{ raw }}
where {{ loaded_at }} < dateadd(second, -{{ retention_seconds }}, sysdate())
  and {{ loaded_at }} < (select dateadd(minute, -{{ var('silver_lookback_minutes', 10) }}, max(loaded_at))
                         from {{ ref('silver_trades') }})
{%- endmacro %}
