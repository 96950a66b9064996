-- Raw trades that failed silver's quality rules, with the first rule each broke: counted, never silently dropped.
{{ config(materialized='view') }}

with typed as (
    select
        exchange,
        symbol,
        trade_id,
        price                                        as price_text,
        quantity                                     as quantity_text,
        try_cast(price as decimal(38, 8))            as price,
        try_cast(quantity as decimal(38, 8))         as quantity,
        {{ timestamp_from_epoch_us('trade_time_us') }} as trade_time,
        kafka_partition,
        kafka_offset,
        loaded_at
    from {{ ref('bronze_data') }}
)

select
    exchange, symbol, trade_id, price_text, quantity_text, trade_time, kafka_partition, kafka_offset, loaded_at,
    {{ silver_reject_reason() }} as reject_reason
from typed
where not ({{ silver_quality_rules() }})
