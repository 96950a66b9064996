-- One row per (exchange, symbol, trade_id): the same trade id on two symbols is two trades. The rows under test
-- (rows_under_test: the new ones when the scheduler passes test_rows_after) are checked against all of silver.
select exchange, symbol, trade_id, count(*) as copies
from {{ ref('silver_trades') }}
{% if testing_new_rows_only() -%}
where (exchange, symbol, trade_id) in (
    select exchange, symbol, trade_id from {{ ref('silver_trades') }} where {{ rows_under_test() }}
)
{% endif -%}
group by exchange, symbol, trade_id
having count(*) > 1
