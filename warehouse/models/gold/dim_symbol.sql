-- Gold: one row per version of a ticker's metadata. Versions of a ticker tile time with no gap or overlap:
-- [valid_from, valid_to), the first from the beginning of time, the current one to the far future.
{{ config(materialized='table') }}

with snapshot_versions as (
    select
        ticker,
        sector,
        risk_level,
        dbt_valid_from,
        dbt_valid_to,
        row_number() over (partition by ticker order by dbt_valid_from) as version_number
    from {{ ref('dim_symbol_snapshot') }}
),

versions as (
    select
        ticker,
        sector,
        risk_level,
        case when version_number = 1 then {{ beginning_of_time() }} else dbt_valid_from end as valid_from,
        coalesce(dbt_valid_to, {{ end_of_time() }})                                          as valid_to,
        dbt_valid_to is null                                                                 as is_current
    from snapshot_versions
),

traded_before_first_snapshot as (
    -- A ticker first traded since the last snapshot gets its 'Unknown' version now; the next snapshot records the
    -- same version (same ticker, same start, so the same key). Its base asset's metadata applies, as the snapshot
    -- will apply it. traded_tickers, not silver: the list without a scan.
    select
        traded.ticker,
        coalesce(assets.sector, 'Unknown')     as sector,
        coalesce(assets.risk_level, 'Unknown') as risk_level,
        {{ beginning_of_time() }}              as valid_from,
        {{ end_of_time() }}                    as valid_to,
        true                                   as is_current
    from {{ ref('traded_tickers') }} as traded
    left join {{ ref('asset_metadata') }} as assets
      on assets.asset = coalesce(traded.base_asset, case when traded.ticker not like '%:%' then {{ base_asset('traded.ticker') }} end)
    where traded.ticker not in (select ticker from versions)
)

select
    {{ version_key('ticker', 'valid_from') }} as symbol_key,
    ticker,
    sector,
    risk_level,
    valid_from,
    valid_to,
    is_current
from (
    select * from versions
    union all
    select * from traded_before_first_snapshot
)
