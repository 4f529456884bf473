-- A purchase's checkout URL lives in one place, its payment order (payment.payment_order.checkout_url): placing the
-- order at the provider no longer writes it a second time here (issue 15).
alter table card.purchase drop column checkout_url;
