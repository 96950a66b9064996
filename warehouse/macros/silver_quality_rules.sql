{#- The quality rules of silver_trades, shared with silver_rejects so a row is in exactly one of them. Bronze
    gives NULL for a field that is missing or does not convert to its type, so those are rejected here too.
    Binance opened in July 2017; a trade more than five minutes in the future is a clock or parsing error. -#}
{% macro silver_quality_rules() -%}
    exchange is not null
    and symbol is not null
    and trade_id is not null
    and is_buyer_maker is not null
    and price is not null and price > 0
    and quantity is not null and quantity > 0
    and trade_time is not null
    and trade_time >= timestamp '2017-07-01'
    and trade_time <= {{ utc_now() }} + interval '5 minutes'
{%- endmacro %}

{% macro silver_reject_reason() -%}
    case
        when exchange is null and symbol is null and trade_id is null and price is null then 'not a JSON trade record'
        when exchange is null then 'exchange missing'
        when symbol is null then 'symbol missing'
        when trade_id is null then 'trade id missing or not an integer'
        when is_buyer_maker is null then 'buyer-maker flag missing or not a boolean'
        when price is null then 'price is not a decimal'
        when price <= 0 then 'price is not positive'
        when quantity is null then 'quantity is not a decimal'
        when quantity <= 0 then 'quantity is not positive'
        when trade_time is null then 'trade time missing'
        when trade_time < timestamp '2017-07-01' then 'trade time before the exchange existed'
        when trade_time > {{ utc_now() }} + interval '5 minutes' then 'trade time in the future'
    end
{%- endmacro %}
