-- Gold: one row per trade, linked to the dimension version valid when the trade happened. A trade keeps that
-- version's key after the metadata changes, because closed versions never change their time range.
{{ config(
    materialized='incremental',
    unique_key='fact_id',
    incremental_strategy='delete+insert'
) }}

with new_trades as (
    select *
    from {{ ref('silver_trades') }}
    {% if is_incremental() %}
    where loaded_at > (select coalesce(max(loaded_at), timestamp '1970-01-01') from {{ this }})
                      - interval '{{ var("fact_lookback_minutes", 10) }} minutes'
    {% endif %}
),

with_quote as (
    select
        *,
        {{ quote_asset('symbol') }} as quote_asset
    from new_trades
),

usdt_prices as (
    -- Every trade of a <asset>USDT pair is a price observation for converting <asset>-quoted trades to USD.
    select symbol, trade_time, price
    from {{ ref('silver_trades') }}
    where symbol like '%USDT'
)

select
    md5(t.exchange || '|' || t.symbol || '|' || cast(t.trade_id as varchar)) as fact_id,
    d.symbol_key,
    t.exchange,
    t.symbol,
    t.trade_id,
    t.trade_time,
    t.price,
    t.quantity,
    case
        when t.quote_asset in {{ usd_stable_quotes() }} then t.price * t.quantity
        else t.price * t.quantity * q.price
    end                                                            as total_amount_usd,
    t.side,
    t.loaded_at
from with_quote as t
join {{ ref('dim_symbol') }} as d
    on d.ticker = t.symbol
   and t.trade_time >= d.valid_from
   and t.trade_time < d.valid_to
{{ asof_left_join('usdt_prices', 'q', 't.trade_time', 'q.trade_time', "q.symbol = t.quote_asset || 'USDT'") }}
