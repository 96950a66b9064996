-- Every fact joins exactly one dimension version of its ticker, and that version was valid at the trade's time.
-- A fact's key names one version, so it can join two only if two versions share that key: counting versions per key
-- on the small dimension side proves "exactly one" without grouping the whole fact table. With test_rows_after only
-- the facts after it are checked (tested_rows.sql): a fact's key and time never change, nor do closed versions.
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
where {{ rows_under_test('f.raw_row_id') }}
  and (d.symbol_key is null
   or d.sharing_the_key <> 1)
