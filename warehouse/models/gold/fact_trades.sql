-- Gold: one row per trade, linked to the dimension version valid when the trade happened. A trade keeps that
-- version's key after the metadata changes, because closed versions never change their time range.
-- Incremental runs take the silver trades after the last one the facts hold (new_raw_rows); on DuckDB that cut is
-- exact (silver grows in raw row order), so appending is enough; on Snowflake it looks back and replaces.
{{ config(
    materialized='incremental',
    unique_key='fact_id',
    incremental_strategy=('delete+insert' if target.type == 'snowflake' else 'append'),
    on_schema_change='append_new_columns'
) }}

with new_trades as {{ computed_in_each_reader() }} (
    -- Silver rows written before silver had quote_asset have none; their symbol says it.
    select * replace (coalesce(quote_asset, {{ quote_asset('symbol') }}) as quote_asset)
    from {{ ref('silver_trades') }}
    {% if is_incremental() %}
    where {{ new_raw_rows(this) }}
    {% endif %}
),

needing_conversion as {{ computed_in_each_reader() }} (
    -- The new trades quoted in something other than a US dollar stable coin, with the pair that prices their quote.
    select *
    from new_trades
    where quote_asset not in {{ usd_stable_quotes() }}
),

conversions_needed as (
    select quote_asset || 'USDT' as usd_pair, min(trade_time) as since, max(trade_time) as until
    from needing_conversion
    group by quote_asset
),

usd_prices as (
    -- Every trade of a <asset>USDT pair is a price observation for converting <asset>-quoted trades to USD. Only
    -- the observations a conversion can pick are read: those within the span of the new trades, and the last before.
    select s.symbol as usd_pair, s.trade_time, s.price
    from {{ ref('silver_trades') }} as s
    join conversions_needed as n on n.usd_pair = s.symbol and s.trade_time between n.since and n.until
    union all
    select s.symbol as usd_pair, max(s.trade_time) as trade_time, max_by(s.price, s.trade_time) as price
    from {{ ref('silver_trades') }} as s
    join conversions_needed as n on n.usd_pair = s.symbol and s.trade_time < n.since
    group by s.symbol
),

timeline as (
    -- Price observations and the trades to convert on one time line per USD pair; at equal times the observation
    -- comes first, so a trade takes the latest price at or before its own time (what an as-of join would pick).
    select usd_pair, trade_time, 0 as is_trade, price as usd_price, cast(null as varchar) as exchange,
           cast(null as varchar) as symbol, cast(null as bigint) as trade_id
    from usd_prices
    union all
    select quote_asset || 'USDT' as usd_pair, trade_time, 1 as is_trade, cast(null as decimal(38, 8)) as usd_price,
           exchange, symbol, trade_id
    from needing_conversion
),

numbered as (
    -- Each observation starts a group; the trades after it, up to the next observation, belong to its group.
    select *, count(usd_price) over (partition by usd_pair order by trade_time, is_trade
                                     rows between unbounded preceding and current row) as observation
    from timeline
),

converted as (
    select exchange, symbol, trade_id, observed_price as usd_price
    from (
        select *, max(usd_price) over (partition by usd_pair, observation) as observed_price
        from numbered
    ) as filled
    where is_trade = 1
),

priced as (
    -- USD-quoted trades (nearly all) need no conversion; the others take the price their time line found, joined
    -- back by their trade key, so the big side never goes through a join.
    select *, price * quantity as total_amount_usd
    from new_trades
    where quote_asset in {{ usd_stable_quotes() }}
    union all
    select t.*, t.price * t.quantity * c.usd_price as total_amount_usd
    from needing_conversion as t
    left join converted as c on c.exchange = t.exchange and c.symbol = t.symbol and c.trade_id = t.trade_id
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
    t.total_amount_usd,
    t.side,
    t.loaded_at,
    t.raw_row_id
from priced as t
join {{ ref('dim_symbol') }} as d
    on d.ticker = {{ ticker('t.exchange', 't.symbol') }}
   and t.trade_time >= d.valid_from
   and t.trade_time < d.valid_to
