{{ config(unique_key=['account', 'currency'], incremental_strategy='delete+insert') }}
select account, currency, amount, updated_at
from {{ source('raw', 'balances') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
