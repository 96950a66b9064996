-- Bronze: each raw record with its JSON parsed into typed columns; no filtering, deduplication or casting
-- of decimals (price and quantity stay exact text; silver casts them to DECIMAL).
{% set loaded_at_ms %}cast({{ json_text('record_metadata', 'LoadedAt') }} as bigint){% endset %}
select
    {{ json_text('record_content', 'exchange') }}                          as exchange,
    {{ json_text('record_content', 'symbol') }}                            as symbol,
    cast({{ json_text('record_content', 'trade_id') }} as bigint)          as trade_id,
    {{ json_text('record_content', 'price') }}                             as price,
    {{ json_text('record_content', 'quantity') }}                          as quantity,
    cast({{ json_text('record_content', 'is_buyer_maker') }} as boolean)   as is_buyer_maker,
    cast({{ json_text('record_content', 'trade_time_us') }} as bigint)     as trade_time_us,
    cast({{ json_text('record_content', 'event_time_us') }} as bigint)     as event_time_us,
    cast({{ json_text('record_content', 'ingest_time_us') }} as bigint)    as ingest_time_us,
    {{ json_text('record_content', 'source') }}                            as source,
    {{ json_text('record_metadata', 'topic') }}                            as kafka_topic,
    cast({{ json_text('record_metadata', 'partition') }} as integer)       as kafka_partition,
    cast({{ json_text('record_metadata', 'offset') }} as bigint)           as kafka_offset,
    {{ timestamp_from_epoch_ms(loaded_at_ms) }}                            as loaded_at,
    {{ raw_row_position() }}                                               as raw_row_id
from {{ source('kafka', 'stock_trades_raw') }}
