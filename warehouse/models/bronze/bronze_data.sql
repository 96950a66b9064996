-- Bronze: each raw record with its JSON parsed into typed columns; no filtering, deduplication or casting
-- of decimals (price and quantity stay exact text; silver casts them to DECIMAL).
select
    record_content ->> 'exchange'                                as exchange,
    record_content ->> 'symbol'                                  as symbol,
    cast(record_content ->> 'trade_id' as bigint)                as trade_id,
    record_content ->> 'price'                                   as price,
    record_content ->> 'quantity'                                as quantity,
    cast(record_content ->> 'is_buyer_maker' as boolean)         as is_buyer_maker,
    cast(record_content ->> 'trade_time_us' as bigint)           as trade_time_us,
    cast(record_content ->> 'event_time_us' as bigint)           as event_time_us,
    cast(record_content ->> 'ingest_time_us' as bigint)          as ingest_time_us,
    record_content ->> 'source'                                  as source,
    record_metadata ->> 'topic'                                  as kafka_topic,
    cast(record_metadata ->> 'partition' as integer)             as kafka_partition,
    cast(record_metadata ->> 'offset' as bigint)                 as kafka_offset,
    epoch_ms(cast(record_metadata ->> 'LoadedAt' as bigint))     as loaded_at
from {{ source('kafka', 'stock_trades_raw') }}
