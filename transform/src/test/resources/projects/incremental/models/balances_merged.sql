{{ config(unique_key=['account', 'currency'], incremental_strategy='merge') }}
-- latest balance per (account, currency): rows changed since the last run replace their earlier version
select account, currency, amount, updated_at
from {{ source('raw', 'balances') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
