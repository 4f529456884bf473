-- The SQL of one dashboard request (SnapshotRepository: latest run, sectors, child regions, the two merchant pages,
-- the 30-day trend), for pgbench: the same-run ceiling of the dashboard API's latency (bench/oversight/run.sh).
-- Variables (-D, substituted as text): day, region, prefix, sector (NULL or a quoted sector).
select day, merchants, guarantee_fund_minor, finished_at from oversight.snapshot_run
 where day <= :day order by day desc limit 1;
select sector, sum(merchants), sum(live_cards), sum(outstanding_minor), sum(escrow_minor), sum(advance_minor),
       sum(deposit_minor), sum(insured_minor), sum(uncovered_minor)
  from oversight.region_balance
 where day = :day and region_code = :region and (cast(:sector as text) is null or sector = :sector)
 group by sector;
select region_code, sum(merchants), sum(live_cards), sum(outstanding_minor), sum(escrow_minor), sum(advance_minor),
       sum(deposit_minor), sum(insured_minor), sum(uncovered_minor)
  from oversight.region_balance
 where day = :day and region_code in (select code from oversight.region where coalesce(parent, '000000') = :region)
   and (cast(:sector as text) is null or sector = :sector)
 group by region_code;
select merchant_id, legal_name, region_code, sector, 1, live_cards, outstanding_minor, escrow_minor, advance_minor,
       deposit_minor, insured_minor, uncovered_minor
  from oversight.balance_snapshot
 where day = :day and region_code like :prefix and (cast(:sector as text) is null or sector = :sector)
 order by outstanding_minor desc, merchant_id limit 50;
select merchant_id, legal_name, region_code, sector, 1, live_cards, outstanding_minor, escrow_minor, advance_minor,
       deposit_minor, insured_minor, uncovered_minor
  from oversight.balance_snapshot
 where day = :day and region_code like :prefix and (cast(:sector as text) is null or sector = :sector)
 order by uncovered_minor desc, merchant_id limit 10;
select day, sum(outstanding_minor), sum(escrow_minor + deposit_minor + insured_minor), sum(uncovered_minor)
  from oversight.region_balance
 where region_code = :region and (cast(:sector as text) is null or sector = :sector)
   and day between cast(:day as date) - 29 and :day
 group by day order by day;
