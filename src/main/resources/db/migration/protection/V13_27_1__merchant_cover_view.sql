-- Published for the oversight module's daily balance snapshot: the last coverage check of each merchant (insured cover
-- asked from insurance, the deposit required and lodged, since when it is under-covered).
create view protection.merchant_cover as
    select merchant_id, currency, exposure_minor, insured_cover_minor, required_minor, lodged_minor, under_covered_since
      from protection.coverage;
