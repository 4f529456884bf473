-- Finding an already processed nonce must not scan the whole callback log.
create index callback_log_nonce on payment.callback_log (provider, nonce) where nonce is not null;
