-- singular test: every customer with orders has revenue
select * from {{ ref('customer_revenue') }} where revenue_cents is null
