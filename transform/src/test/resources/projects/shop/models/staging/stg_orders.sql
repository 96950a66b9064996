select id as order_id, customer_id, status, amount, {{ cents('amount') }} as amount_cents
from {{ ref('orders') }}
