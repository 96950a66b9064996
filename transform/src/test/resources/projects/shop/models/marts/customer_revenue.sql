select c.id as customer_id, c.name, sum(o.amount_cents) as revenue_cents
from {{ ref('customers') }} c
join {{ ref('stg_orders') }} o on o.customer_id = c.id
group by all
