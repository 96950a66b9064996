-- Raw trades that failed silver's quality rules, with the first rule each broke: counted, never silently dropped.
-- Incremental like silver: it reads only raw rows after the last one silver or this model holds. It runs before
-- silver_trades (which depends on it), so silver_trades still holds the previous run's rows at that point; its own
-- rows alone would not do, since rejects are rare and its last one may be far behind.
{% set silver_trades = (this | string) | replace(this.identifier, 'silver_trades') %}
{{ config(
    materialized='incremental',
    unique_key=['kafka_topic', 'kafka_partition', 'kafka_offset'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns'
) }}

with typed as (
    select
        exchange,
        symbol,
        trade_id,
        is_buyer_maker,
        price                                        as price_text,
        quantity                                     as quantity_text,
        {{ exact_decimal('price') }}            as price,
        {{ exact_decimal('quantity') }}         as quantity,
        {{ timestamp_from_epoch_us('trade_time_us') }} as trade_time,
        kafka_topic,
        kafka_partition,
        kafka_offset,
        loaded_at,
        raw_row_id
    from {{ ref('bronze_data') }}
    {% if is_incremental() %}
    where {{ new_raw_rows(this) }}
      and {{ new_raw_rows(silver_trades) }}
    {% endif %}
)

select
    exchange, symbol, trade_id, price_text, quantity_text, trade_time, kafka_topic, kafka_partition, kafka_offset,
    loaded_at, raw_row_id,
    {{ silver_reject_reason() }} as reject_reason
from typed
where not ({{ silver_quality_rules() }})
