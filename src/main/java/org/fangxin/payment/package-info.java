/**
 * Payments: the port to mobile-payment providers (one adapter, the sandbox gateway), payment orders with signed
 * provider callbacks, a janitor for lost callbacks and unpaid orders, and refunds that never pay twice. A payment
 * order is confirmed exactly once ({@link org.fangxin.payment.PaymentConfirmed}); refunds never exceed what was paid.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.payment;
