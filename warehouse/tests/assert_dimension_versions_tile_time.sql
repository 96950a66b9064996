-- The versions of each ticker start at the beginning of time, end at the far future, and each starts exactly where
-- the previous one ends: no gap, no overlap.
with ordered as (
    select
        ticker,
        valid_from,
        valid_to,
        lag(valid_to) over (partition by ticker order by valid_from)  as previous_valid_to,
        row_number() over (partition by ticker order by valid_from)    as version_number,
        row_number() over (partition by ticker order by valid_from desc) as versions_after
    from {{ ref('dim_symbol') }}
)
select *
from ordered
where (version_number = 1 and valid_from <> {{ beginning_of_time() }})
   or (version_number > 1 and valid_from <> previous_valid_to)
   or (versions_after = 1 and valid_to <> {{ end_of_time() }})
   or valid_from >= valid_to
