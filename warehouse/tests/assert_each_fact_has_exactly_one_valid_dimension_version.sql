-- Every fact joins exactly one dimension version of its ticker, and that version was valid at the trade's time.
select f.fact_id, count(d.symbol_key) as versions
from {{ ref('fact_trades') }} as f
left join {{ ref('dim_symbol') }} as d
    on d.symbol_key = f.symbol_key
   and d.ticker = f.symbol
   and f.trade_time >= d.valid_from
   and f.trade_time < d.valid_to
group by f.fact_id
having count(d.symbol_key) <> 1
