{#- SCD2 history of each ticker's sector and risk level: the seed's tickers plus every ticker ever traded
    (unknown metadata becomes 'Unknown'), so every traded ticker has a version. A ticker is the trades topic's key
    (BTCUSDT on Binance, coinbase:BTC-USD elsewhere); its line in symbol_metadata wins over its base asset's line in
    asset_metadata. Traded tickers are those silver holds plus those of raw rows silver has not read yet. What silver
    holds comes from traded_tickers (kept incrementally, with each ticker's base asset) plus silver's rows after it (a
    run that failed between the two), so the snapshot reads what is new rather than all of silver or every raw
    record's JSON. Before silver exists (the DAG runs snapshot before run, so on a
    fresh warehouse it does) they come from the whole raw table, which the sink creates before any transformation. -#}
{% snapshot dim_symbol_snapshot %}
{{ config(
    target_schema=target.schema,
    unique_key='ticker',
    strategy='check',
    check_cols=['sector', 'risk_level']
) }}
{%- set raw = source('kafka', 'stock_trades_raw') %}
{%- set silver = adapter.get_relation(database=this.database, schema=this.schema, identifier='silver_trades') %}
{%- set traded_tickers = adapter.get_relation(database=this.database, schema=this.schema, identifier='traded_tickers') %}
{%- set loaded_at %}{{ timestamp_from_epoch_ms("try_cast(" ~ json_text('RECORD_METADATA', 'LoadedAt') ~ " as bigint)") }}{% endset %}

{%- set raw_ticker = ticker(json_text('RECORD_CONTENT', 'exchange'), json_text('RECORD_CONTENT', 'symbol')) %}

with traded as (
    {% if silver and traded_tickers -%}
    select ticker, base_asset from {{ traded_tickers }}
    union all
    select {{ ticker('exchange', 'symbol') }} as ticker, max(base_asset) as base_asset from {{ silver }}
    where {{ new_raw_rows(traded_tickers) }}
    group by 1
    union all
    select {{ raw_ticker }} as ticker, max({{ json_text('RECORD_CONTENT', 'base_asset') }}) as base_asset from {{ raw }}
    where {{ new_raw_rows(silver, raw_row_position(), loaded_at) }}
    group by 1
    {%- elif silver -%}
    select {{ ticker('exchange', 'symbol') }} as ticker, max(base_asset) as base_asset from {{ silver }} group by 1
    union all
    select {{ raw_ticker }} as ticker, max({{ json_text('RECORD_CONTENT', 'base_asset') }}) as base_asset from {{ raw }}
    where {{ new_raw_rows(silver, raw_row_position(), loaded_at) }}
    group by 1
    {%- else -%}
    select {{ raw_ticker }} as ticker, max({{ json_text('RECORD_CONTENT', 'base_asset') }}) as base_asset from {{ raw }}
    group by 1
    {%- endif %}
),

tickers as (
    -- A Binance ticker no trade has named the base of yet (a seed line, a trade from before base_asset) takes it
    -- from its symbol.
    select ticker, coalesce(max(base_asset), case when ticker not like '%:%' then {{ base_asset('ticker') }} end) as base_asset
    from (
        select ticker, cast(null as varchar) as base_asset from {{ ref('symbol_metadata') }}
        union all
        select ticker, base_asset from traded where ticker is not null
    ) as named
    group by ticker
)

select
    tickers.ticker,
    coalesce(metadata.sector, assets.sector, 'Unknown')         as sector,
    coalesce(metadata.risk_level, assets.risk_level, 'Unknown') as risk_level
from tickers
left join {{ ref('symbol_metadata') }} as metadata on metadata.ticker = tickers.ticker
left join {{ ref('asset_metadata') }} as assets on assets.asset = tickers.base_asset

{% endsnapshot %}
