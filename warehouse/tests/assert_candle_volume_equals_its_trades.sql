-- Each candle's volume and trade count equal those of the silver trades in its minute. With test_rows_after
-- (tested_rows.sql) only the minutes the silver rows after it fall in are checked: the candles of other minutes
-- were checked by the run that passed there, and only new trades change a candle.
{% if testing_new_rows_only() %}
with tested_minutes as (
    select distinct exchange, symbol, date_trunc('minute', trade_time) as candle_minute
    from {{ ref('silver_trades') }}
    where {{ rows_under_test() }}
),

from_trades as (
    select s.exchange, s.symbol, date_trunc('minute', s.trade_time) as candle_minute, sum(s.quantity) as volume,
           count(*) as trade_count
    from {{ ref('silver_trades') }} as s
    join tested_minutes as m
      on m.exchange = s.exchange and m.symbol = s.symbol and m.candle_minute = date_trunc('minute', s.trade_time)
    where s.trade_time >= (select min(candle_minute) from tested_minutes)
    group by 1, 2, 3
),

candles as (
    select c.*
    from {{ ref('candles_1m') }} as c
    join tested_minutes as m
      on m.exchange = c.exchange and m.symbol = c.symbol and m.candle_minute = c.candle_minute
)
{% else %}
with from_trades as (
    select exchange, symbol, date_trunc('minute', trade_time) as candle_minute, sum(quantity) as volume, count(*) as trade_count
    from {{ ref('silver_trades') }}
    group by 1, 2, 3
),

candles as (
    select * from {{ ref('candles_1m') }}
)
{% endif %}
select c.exchange, c.symbol, c.candle_minute, c.volume, t.volume as trades_volume, c.trade_count, t.trade_count as trades_count
from candles as c
full outer join from_trades as t
    on t.exchange = c.exchange and t.symbol = c.symbol and t.candle_minute = c.candle_minute
where c.volume is distinct from t.volume or c.trade_count is distinct from t.trade_count
