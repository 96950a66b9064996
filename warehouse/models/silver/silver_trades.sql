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
        -- Canonical assets as ingest wrote them; Binance trades from before it did get them from the symbol.
        coalesce(base_asset, {{ base_asset('symbol') }})   as base_asset,
        coalesce(quote_asset, {{ quote_asset('symbol') }}) as quote_asset,
        kafka_partition,
        kafka_offset,
        loaded_at,
        raw_row_id
    from arrived
),

checked as {{ computed_once_for_all_readers() }} (
    -- The quality rules as a flag, applied only after the dedupe below: a filter here would be pushed beneath
    -- bronze's projection and parse each row's JSON again for every field it names (1 M rows: 1 s more). With a
    -- 64-bit hash of the trade's key, to find the keys that arrived more than once. Its readers share one copy
    -- rather than each casting and checking every row again.
    select *, case when {{ silver_quality_rules() }} then 1 else 0 end as passes_rules,
           hash(exchange, symbol, trade_id) as key_hash
    from typed
),

repeated as (
    -- Keys (by their hash) that arrived more than once among the new rows: replays, overlapping connections,
    -- backfill. Few.
    select key_hash
    from checked
    group by key_hash
    having count(*) > 1
),

first_arrival as (
    -- A trade that arrived once stands as it is, if it passes the rules. Of a trade that arrived more than once, the
    -- first valid copy that reached the warehouse stands for it; ranking only those keeps the window's sort away
    -- from the millions that arrived once (6 M new rows: 9-11 s -> 7 s). Two keys with equal hashes only both go to
    -- the ranking, which partitions by the key itself.
    select * exclude (passes_rules, key_hash)
    from checked
    where passes_rules = 1 and key_hash not in (select key_hash from repeated)
    union all
    select * exclude (passes_rules, key_hash, arrival)
    from (
        select *, row_number() over (partition by exchange, symbol, trade_id
                                     order by passes_rules desc, loaded_at, kafka_partition, kafka_offset) as arrival
        from checked
        where key_hash in (select key_hash from repeated)
    ) as ranked
    where arrival = 1 and passes_rules = 1
)

{% if is_incremental() %}
, lowest_new_ids as (
    -- From the valid new rows rather than first_arrival, which would then have two readers and be held whole.
    select exchange, symbol, min(trade_id) as trade_id
    from checked
    where passes_rules = 1
    group by exchange, symbol
),

already_held as (
    -- Trades silver holds that a new row could repeat: per symbol, those from the lowest new id on. The lowest id
    -- of all (implied by the join, so the same rows) is there for DuckDB: a comparison with a scalar subquery is
    -- pushed into the scan, which then skips the row groups of older ids; without it the join read every row group
    -- of silver (at 100 M rows out of memory under up's 448MB, docs/BENCHMARKS.md). It skips only where ids grow
    -- with time across symbols; where one symbol's ids are far below the others', most of silver is read.
    select existing.exchange, existing.symbol, existing.trade_id
    from {{ this }} as existing
    join lowest_new_ids as low
      on low.exchange = existing.exchange
     and low.symbol = existing.symbol
     and existing.trade_id >= low.trade_id
    where existing.trade_id >= (select min(trade_id) from lowest_new_ids)
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
