{% snapshot customers_snapshot %}
{{ config(unique_key='id', strategy='check', check_cols=['status'], hard_deletes=var('hard_deletes')) }}
select id, status from {{ source('crm', 'customers') }}
{% endsnapshot %}
