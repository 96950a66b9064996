-- Silver: one row per real trade, however many times it arrived (replays, overlapping connections, backfill).
-- Typed (exact DECIMALs, microsecond timestamps) and quality-filtered; what fails the rules is in silver_rejects.
-- Incremental runs read only raw rows landed since the last run (new_raw_rows: exact raw row positions on DuckDB,
-- load times with a look-back on Snowflake), so their cost follows what is new, not the size of the raw table.
-- New rows are checked against what silver already holds (already_held), so appending them keeps the key unique
-- without delete+insert's second pass over the table.
-- depends_on: {{ ref('silver_rejects') }} (it reads silver_trades as the previous run left it)
{{ config(
    materialized='incremental',
    unique_key=['exchange', 'symbol', 'trade_id'],
    incremental_strategy='append',
    on_schema_change='append_new_columns'
) }}

with arrived as (
    select *
    from {{ ref('bronze_data') }}
    {% if is_incremental() %}
    where {{ new_raw_rows(this) }}
    {% endif %}
),

typed as (
    select
        exchange,
        symbol,
        trade_id,
        {{ exact_decimal('price') }}                        as price,
        {{ exact_decimal('quantity') }}                     as quantity,
        is_buyer_maker,
        case when is_buyer_maker then 'sell' else 'buy' end      as side,
        {{ timestamp_from_epoch_us('trade_time_us') }}           as trade_time,
        {{ timestamp_from_epoch_us('event_time_us') }}           as event_time,
        {{ timestamp_from_epoch_us('ingest_time_us') }}          as ingest_time,
        source,
        kafka_partition,
        kafka_offset,
        loaded_at,
        raw_row_id
    from arrived
),

checked as (
    -- The quality rules as a flag, applied only after the window below: a filter here would be pushed beneath
    -- bronze's projection and parse each row's JSON again for every field it names (1 M rows: 1 s more).
    select *, case when {{ silver_quality_rules() }} then 1 else 0 end as passes_rules
    from typed
),

first_arrival as (
    -- The first valid copy that reached the warehouse stands for the trade; later copies are the same trade again.
    select * exclude (passes_rules, arrival)
    from (
        select *, row_number() over (partition by exchange, symbol, trade_id
                                     order by passes_rules desc, loaded_at, kafka_partition, kafka_offset) as arrival
        from checked
    ) as ranked
    where arrival = 1 and passes_rules = 1
)

{% if is_incremental() %}
, lowest_new_ids as (
    select exchange, symbol, min(trade_id) as trade_id
    from first_arrival
    group by exchange, symbol
),

already_held as (
    -- Trades silver holds that a new row could repeat: per symbol, those from the lowest new id on, so the check
    -- reads the recent end of silver rather than all of it.
    select existing.exchange, existing.symbol, existing.trade_id
    from {{ this }} as existing
    join lowest_new_ids as low
      on low.exchange = existing.exchange
     and low.symbol = existing.symbol
     and existing.trade_id >= low.trade_id
)
{% endif %}

select *
from first_arrival
{% if is_incremental() %}
where not exists (
    select 1
    from already_held
    where already_held.exchange = first_arrival.exchange
      and already_held.symbol = first_arrival.symbol
      and already_held.trade_id = first_arrival.trade_id
)
{% endif %}
