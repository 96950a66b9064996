#!/usr/bin/env bash
# Takes the README's screenshots of the web UI from a pipeline that has run long enough to show the product:
# several one-minute candles, gold tables with rows, minutes of history in the charts.
#   docs/screenshots/take.sh [seconds to let the pipeline run, default 240]
# Needs Debian's chromium (or CHROMIUM=/path) and curl. Runs `up --source sim` on its own ports and a temporary data
# directory (SHOTS_HTTP_PORT, SHOTS_KAFKA_PORT, SHOTS_CONNECT_PORT, SHOTS_PG_PORT to move them), and stops it
# afterwards. The PostgreSQL endpoint is on so that the Data page shows its connection string.
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
out="$home/docs/screenshots"
seconds="${1:-240}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -x "$chromium" ] || { echo "error: Chromium not found: apt-get install chromium, or set CHROMIUM=/path/to/chromium" >&2; exit 2; }
http_port="${SHOTS_HTTP_PORT:-18080}"
url="http://127.0.0.1:$http_port"
work="$(mktemp -d)"

"$home/cryptopipe" up --source sim --data-dir "$work/data" --http-port "$http_port" \
  --kafka-port "${SHOTS_KAFKA_PORT:-19092}" --connect-port "${SHOTS_CONNECT_PORT:-18083}" --pg-port "${SHOTS_PG_PORT:-15433}" >"$work/up.log" 2>&1 &
pipeline=$!
stop() {
  local status=$?
  # The pipeline ends on the signal (status 143): not a failure of this script, whose own status is kept.
  kill "$pipeline" 2>/dev/null && wait "$pipeline" 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT

echo "Pipeline starting (log: $work/up.log); letting it run ${seconds} s ..." >&2
until curl -sf "$url/health" >/dev/null; do
  kill -0 "$pipeline" 2>/dev/null || { echo "error: the pipeline stopped; its log:" >&2; tail -20 "$work/up.log" >&2; exit 1; }
  sleep 2
done
sleep "$seconds"

candles="$(curl -sf "$url/api/market/candles?symbol=BTCUSDT&minutes=60" | grep -o '"time"' | wc -l)"
gold="$(curl -sf "$url/api/sql" -H 'Content-Type: application/json' \
  -d '{"sql": "select count(*) from consumption_trades"}' | grep -o '"rows":\[\[[0-9]*' | grep -o '[0-9]*$' || echo 0)"
echo "BTCUSDT candles: $candles, consumption_trades rows: $gold" >&2
[ "$candles" -ge 2 ] && [ "${gold:-0}" -gt 0 ] || { echo "error: not enough data to show yet: run longer" >&2; exit 1; }

# Headless Chromium now and then never finishes a screenshot: each gets 90 s and three tries.
shoot() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --virtual-time-budget=10000 \
    --user-data-dir="$work/chromium-$1-$2" --window-size="1400,$(height "$1")" --screenshot="$out/$1.png" "$url/#$1" 2>/dev/null
}
# The Pipeline page is long: stages, a dozen charts, then events and the configuration.
height() { if [ "$1" = pipeline ]; then echo 2050; else echo 1250; fi; }
for page in pipeline runs data market; do
  shoot "$page" 1 || shoot "$page" 2 || shoot "$page" 3 || { echo "error: Chromium failed on the $page page" >&2; exit 1; }
  echo "wrote $out/$page.png" >&2
done
