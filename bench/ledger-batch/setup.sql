-- one merchant (payable, advance with 8 slots of 100,000 fen each), 64 cards of 100,000 fen; balances set directly
insert into ledger.account values ('00000000-0000-0000-0000-0000000000a1','MERCHANT_PAYABLE','00000000-0000-0000-0000-00000000000f','CNY','CREDIT',true,now()),
  ('00000000-0000-0000-0000-0000000000a2','MERCHANT_ADVANCE','00000000-0000-0000-0000-00000000000f','CNY','DEBIT',true,now());
insert into ledger.balance values ('00000000-0000-0000-0000-0000000000a1','CNY','CREDIT',true,0,now()),
  ('00000000-0000-0000-0000-0000000000a2','CNY','DEBIT',true,0,now());
insert into ledger.balance_slot select a, s, 'CNY', side, true, bal, now()
  from (values ('00000000-0000-0000-0000-0000000000a1'::uuid,'CREDIT',0), ('00000000-0000-0000-0000-0000000000a2'::uuid,'DEBIT',100000)) v(a, side, bal),
       generate_series(0,7) s;
insert into ledger.account select gen_random_uuid(), 'CARD_LIABILITY', ('00000000-0000-0000-0000-1' || lpad(g::text, 11, '0'))::uuid, 'CNY', 'CREDIT', true, now() from generate_series(1,64) g;
insert into ledger.balance select id, 'CNY', 'CREDIT', true, -100000, now() from ledger.account where type = 'CARD_LIABILITY';
