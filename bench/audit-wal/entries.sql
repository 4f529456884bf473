-- 500 card.redeemed-shaped entries, one insert each (as the request path writes them)
do $$
begin
  for i in 1..500 loop
    insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id)
    values (gen_random_uuid(), now() + i * interval '1 ms', 'consumer-13800138000', 'card.redeemed', 'card',
            gen_random_uuid()::text, null,
            jsonb_build_object('redemptionId', gen_random_uuid(), 'value', jsonb_build_object('kind', 'AMOUNT', 'amountMinor', 1000), 'via', 'code'),
            gen_random_uuid()::text);
  end loop;
end $$;
