{{ config(incremental_strategy='append') }}
-- every version ever seen, appended
select account, currency, amount, updated_at
from {{ source('raw', 'balances') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
