-- Every fact joins exactly one dimension version of its ticker, and that version was valid at the trade's time.
-- A fact's key names one version, so it can join two only if two versions share that key: counting versions per key
-- on the small dimension side proves "exactly one" without grouping the whole fact table.
with versions as (
    select symbol_key, ticker, valid_from, valid_to, count(*) over (partition by symbol_key) as sharing_the_key
    from {{ ref('dim_symbol') }}
)
select f.fact_id, f.symbol_key, d.sharing_the_key
from {{ ref('fact_trades') }} as f
left join versions as d
    on d.symbol_key = f.symbol_key
   and d.ticker = {{ ticker('f.exchange', 'f.symbol') }}
   and f.trade_time >= d.valid_from
   and f.trade_time < d.valid_to
where d.symbol_key is null
   or d.sharing_the_key <> 1
