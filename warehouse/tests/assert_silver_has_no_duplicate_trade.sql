-- One row per (exchange, symbol, trade_id): the same trade id on two symbols is two trades. The rows under test
-- (rows_under_test: the new ones when the scheduler passes test_rows_after) are checked against the silver rows whose
-- trade id is at least the lowest new one (a repeat has the same id).
{{ repeated_keys(ref('silver_trades'), ['exchange', 'symbol', 'trade_id'], 'trade_id') }}
