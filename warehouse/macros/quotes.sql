{#- Quote assets whose unit is worth one US dollar, so price x quantity is already the USD amount. -#}
{% macro usd_stable_quotes() -%}
    ('USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USDP', 'DAI', 'USD')
{%- endmacro %}

{#- dim_symbol's ticker of a venue's symbol, the trades topic's key: SYMBOL on Binance, exchange:SYMBOL elsewhere. -#}
{% macro ticker(exchange, symbol) -%}
    case when {{ exchange }} = 'binance' then {{ symbol }} else {{ exchange }} || ':' || {{ symbol }} end
{%- endmacro %}

{#- The base asset of a Binance symbol written before trades carried base_asset: what precedes its quote suffix. -#}
{% macro base_asset(symbol) -%}
    left({{ symbol }}, length({{ symbol }}) - length({{ quote_asset(symbol) }}))
{%- endmacro %}

{#- The quote asset of a spot symbol, from the longest known quote suffix. -#}
{% macro quote_asset(symbol) -%}
    case
        when {{ symbol }} like '%FDUSD' then 'FDUSD'
        when {{ symbol }} like '%USDT' then 'USDT'
        when {{ symbol }} like '%USDC' then 'USDC'
        when {{ symbol }} like '%BUSD' then 'BUSD'
        when {{ symbol }} like '%TUSD' then 'TUSD'
        when {{ symbol }} like '%USDP' then 'USDP'
        when {{ symbol }} like '%BTC' then 'BTC'
        when {{ symbol }} like '%ETH' then 'ETH'
        when {{ symbol }} like '%BNB' then 'BNB'
        when {{ symbol }} like '%EUR' then 'EUR'
        when {{ symbol }} like '%TRY' then 'TRY'
        else right({{ symbol }}, 3)
    end
{%- endmacro %}
