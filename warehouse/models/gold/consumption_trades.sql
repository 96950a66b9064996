-- For BI: every fact with the attributes of the dimension version it belongs to.
-- SELECT * FROM STREAMING_DB.PUBLIC.CONSUMPTION_TRADES
{{ config(materialized='view') }}

select
    f.fact_id,
    f.exchange,
    f.symbol,
    f.trade_id,
    f.trade_time,
    f.price,
    f.quantity,
    f.total_amount_usd,
    f.side,
    d.symbol_key,
    d.ticker,
    d.sector,
    d.risk_level,
    d.valid_from as symbol_version_valid_from,
    d.valid_to   as symbol_version_valid_to,
    d.is_current as symbol_version_is_current
from {{ ref('fact_trades') }} as f
join {{ ref('dim_symbol') }} as d on d.symbol_key = f.symbol_key
