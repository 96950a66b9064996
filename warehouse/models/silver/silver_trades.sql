-- Silver: one row per real trade, however many times it arrived (replays, overlapping connections, backfill).
-- Typed (exact DECIMALs, microsecond timestamps) and quality-filtered; what fails the rules is in silver_rejects.
-- Incremental runs read only raw rows loaded since the last run, with a look-back for rows committed late.
{{ config(
    materialized='incremental',
    unique_key=['exchange', 'symbol', 'trade_id'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns'
) }}

with arrived as (
    select *
    from {{ ref('bronze_data') }}
    {% if is_incremental() %}
    where loaded_at > (select coalesce(max(loaded_at), timestamp '1970-01-01') from {{ this }})
                      - interval '{{ var("silver_lookback_minutes", 10) }} minutes'
    {% endif %}
),

typed as (
    select
        exchange,
        symbol,
        trade_id,
        try_cast(price as decimal(38, 8))                        as price,
        try_cast(quantity as decimal(38, 8))                     as quantity,
        is_buyer_maker,
        case when is_buyer_maker then 'sell' else 'buy' end      as side,
        {{ timestamp_from_epoch_us('trade_time_us') }}           as trade_time,
        {{ timestamp_from_epoch_us('event_time_us') }}           as event_time,
        {{ timestamp_from_epoch_us('ingest_time_us') }}          as ingest_time,
        source,
        kafka_partition,
        kafka_offset,
        loaded_at
    from arrived
),

valid as (
    select *
    from typed
    where {{ silver_quality_rules() }}
),

first_arrival as (
    -- The first copy that reached the warehouse stands for the trade; later copies are the same trade again.
    select *
    from valid
    qualify row_number() over (partition by exchange, symbol, trade_id order by loaded_at, kafka_partition, kafka_offset) = 1
)

select *
from first_arrival
{% if is_incremental() %}
where not exists (
    select 1
    from {{ this }} as existing
    where existing.exchange = first_arrival.exchange
      and existing.symbol = first_arrival.symbol
      and existing.trade_id = first_arrival.trade_id
)
{% endif %}
