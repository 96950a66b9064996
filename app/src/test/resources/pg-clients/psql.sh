#!/usr/bin/env bash
# psql against the running pipeline: the meta-commands people browse with, a gold query, and Ctrl-C on a runaway
# query. Connection settings come from PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD.
set -euo pipefail
run() { psql -X -v ON_ERROR_STOP=1 --no-psqlrc -c "$1"; }
echo "--- \\l";  run '\l'
echo "--- \\dn"; run '\dn'
echo "--- \\dt"; run '\dt'
echo "--- \\dv"; run '\dv'
echo "--- \\d consumption_trades"; run '\d consumption_trades'
echo "--- gold"; run 'select ticker, count(*) as trades from consumption_trades group by ticker order by ticker'
echo "--- cancel"
psql -X --no-psqlrc -c 'select count(*) from range(1000000000000) t(a), range(10) u(b)' > cancel.out 2>&1 &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid" || true
cat cancel.out
grep -q "canceling statement due to user request" cancel.out
echo "--- done"
