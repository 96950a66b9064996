{#- SCD2 history of each ticker's sector and risk level: the seed's tickers plus every ticker ever traded
    (unknown metadata becomes 'Unknown'), so every traded ticker has a version. Traded tickers are those silver
    holds plus those of raw rows silver has not read yet. What silver holds comes from traded_tickers (kept
    incrementally) plus silver's rows after it (a run that failed between the two), so the snapshot reads what is
    new rather than all of silver or every raw record's JSON. Before silver exists (the DAG runs snapshot before run, so on a
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

with traded as (
    {% if silver and traded_tickers -%}
    select ticker from {{ traded_tickers }}
    union
    select distinct symbol as ticker from {{ silver }}
    where {{ new_raw_rows(traded_tickers) }}
    union
    select distinct {{ json_text('RECORD_CONTENT', 'symbol') }} as ticker from {{ raw }}
    where {{ new_raw_rows(silver, raw_row_position(), loaded_at) }}
    {%- elif silver -%}
    select distinct symbol as ticker from {{ silver }}
    union
    select distinct {{ json_text('RECORD_CONTENT', 'symbol') }} as ticker from {{ raw }}
    where {{ new_raw_rows(silver, raw_row_position(), loaded_at) }}
    {%- else -%}
    select distinct {{ json_text('RECORD_CONTENT', 'symbol') }} as ticker from {{ raw }}
    {%- endif %}
),

tickers as (
    select ticker from {{ ref('symbol_metadata') }}
    union
    select ticker from traded where ticker is not null
)

select
    tickers.ticker,
    coalesce(metadata.sector, 'Unknown')     as sector,
    coalesce(metadata.risk_level, 'Unknown') as risk_level
from tickers
left join {{ ref('symbol_metadata') }} as metadata on metadata.ticker = tickers.ticker

{% endsnapshot %}
