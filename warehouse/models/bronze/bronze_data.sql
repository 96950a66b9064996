-- Bronze: each raw record with its JSON parsed into typed columns; no filtering, deduplication or casting
-- of decimals (price and quantity stay exact text; silver casts them to DECIMAL).
-- Each JSON column is parsed once (json_fields) and its fields read from that (json_field).
{%- set content = {
    'exchange': 'varchar', 'symbol': 'varchar', 'trade_id': 'bigint', 'price': 'varchar', 'quantity': 'varchar',
    'is_buyer_maker': 'boolean', 'trade_time_us': 'bigint', 'event_time_us': 'bigint', 'ingest_time_us': 'bigint',
    'source': 'varchar', 'base_asset': 'varchar', 'quote_asset': 'varchar'
} %}
{%- set metadata = {'topic': 'varchar', 'partition': 'integer', 'offset': 'bigint', 'LoadedAt': 'bigint'} %}

with parsed as (
    select
        {{ json_fields('record_content', content) }}   as record_content,
        {{ json_fields('record_metadata', metadata) }} as record_metadata,
        {{ raw_row_position() }}                       as raw_row_id
    from {{ source('kafka', 'stock_trades_raw') }}
)

select
    {%- for field, type in content.items() %}
    {{ json_field('record_content', content, field) }} as {{ field }},
    {%- endfor %}
    {{ json_field('record_metadata', metadata, 'topic') }}         as kafka_topic,
    {{ json_field('record_metadata', metadata, 'partition') }}     as kafka_partition,
    {{ json_field('record_metadata', metadata, 'offset') }}        as kafka_offset,
    {{ timestamp_from_epoch_ms(json_field('record_metadata', metadata, 'LoadedAt')) }} as loaded_at,
    raw_row_id
from parsed
