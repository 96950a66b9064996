-- OHLCV per exchange, symbol and minute. Each incremental run recomputes, from all of silver, every minute that received a
-- trade since the last run, so a late trade corrects its minute.
{{ config(
    materialized='incremental',
    unique_key=['exchange', 'symbol', 'candle_minute'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns'
) }}

with touched_minutes as (
    select distinct exchange, symbol, date_trunc('minute', trade_time) as candle_minute
    from {{ ref('silver_trades') }}
    {% if is_incremental() %}
    where loaded_at > (select coalesce(max(last_loaded_at), timestamp '1970-01-01') from {{ this }})
                      - interval '{{ var("candle_lookback_minutes", 10) }} minutes'
    {% endif %}
),

trades as (
    select s.exchange, s.symbol, date_trunc('minute', s.trade_time) as candle_minute, s.trade_id, s.price, s.quantity, s.loaded_at
    from {{ ref('silver_trades') }} as s
    join touched_minutes as m
      on m.exchange = s.exchange
     and m.symbol = s.symbol
     and m.candle_minute = date_trunc('minute', s.trade_time)
    -- A plain range on the stored column lets the scan skip row groups before the earliest touched minute.
    where s.trade_time >= (select min(candle_minute) from touched_minutes)
)

select
    exchange,
    symbol,
    candle_minute,
    min_by(price, trade_id)                          as open,
    max(price)                                       as high,
    min(price)                                       as low,
    max_by(price, trade_id)                          as close,
    sum(quantity)                                    as volume,
    sum(price * quantity)                            as quote_volume,
    cast(sum(price * quantity) / sum(quantity) as decimal(38, 8)) as vwap,
    count(*)                                         as trade_count,
    min(trade_id)                                    as first_trade_id,
    max(trade_id)                                    as last_trade_id,
    max(loaded_at)                                   as last_loaded_at
from trades
group by exchange, symbol, candle_minute
