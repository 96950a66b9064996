-- One row per (exchange, symbol, trade_id): the same trade id on two symbols is two trades.
select exchange, symbol, trade_id, count(*) as copies
from {{ ref('silver_trades') }}
group by exchange, symbol, trade_id
having count(*) > 1
