{#- SCD2 history of each ticker's sector and risk level: the seed's tickers plus every ticker ever traded
    (unknown metadata becomes 'Unknown'), so every traded ticker has a version. Traded tickers come from the raw
    table, which the sink creates before any transformation, so the first snapshot of a fresh warehouse works
    before silver exists (the DAG runs snapshot before run). -#}
{% snapshot dim_symbol_snapshot %}
{{ config(
    target_schema=target.schema,
    unique_key='ticker',
    strategy='check',
    check_cols=['sector', 'risk_level']
) }}

with tickers as (
    select ticker from {{ ref('symbol_metadata') }}
    union
    select distinct {{ json_text('RECORD_CONTENT', 'symbol') }} as ticker from {{ source('kafka', 'stock_trades_raw') }}
)

select
    tickers.ticker,
    coalesce(metadata.sector, 'Unknown')     as sector,
    coalesce(metadata.risk_level, 'Unknown') as risk_level
from tickers
left join {{ ref('symbol_metadata') }} as metadata on metadata.ticker = tickers.ticker

{% endsnapshot %}
