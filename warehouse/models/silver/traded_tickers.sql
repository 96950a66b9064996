-- Every ticker silver holds, with its canonical assets and its newest silver row read so far: the ticker list the
-- snapshot and dim_symbol need, kept from silver's new rows only, so neither scans all of silver each minute (at
-- 100 M trades a distinct over silver's symbols was the part of the minute that grew with history). A ticker is the
-- trades topic's key (BTCUSDT on Binance, coinbase:BTC-USD elsewhere); its base asset is what asset_metadata's lines
-- apply by. raw_row_id and loaded_at are where the next run starts reading silver (new_raw_rows); the merge moves
-- them forward for every ticker traded since.
{{ config(
    materialized='incremental',
    unique_key='ticker',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
) }}

select
    {{ ticker('exchange', 'symbol') }} as ticker,
    -- One venue symbol names one pair, so every row of a ticker carries the same assets.
    max(base_asset)  as base_asset,
    max(quote_asset) as quote_asset,
    max(raw_row_id)  as raw_row_id,
    max(loaded_at)   as loaded_at
from {{ ref('silver_trades') }}
{% if is_incremental() %}
where {{ new_raw_rows(this) }}
{% endif %}
group by 1
