-- Each candle's volume and trade count equal those of the silver trades in its minute.
with from_trades as (
    select exchange, symbol, date_trunc('minute', trade_time) as candle_minute, sum(quantity) as volume, count(*) as trade_count
    from {{ ref('silver_trades') }}
    group by 1, 2, 3
)
select c.exchange, c.symbol, c.candle_minute, c.volume, t.volume as trades_volume, c.trade_count, t.trade_count as trades_count
from {{ ref('candles_1m') }} as c
full outer join from_trades as t
    on t.exchange = c.exchange and t.symbol = c.symbol and t.candle_minute = c.candle_minute
where c.volume is distinct from t.volume or c.trade_count is distinct from t.trade_count
