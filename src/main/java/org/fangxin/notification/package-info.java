/**
 * Notifications: messages to a user, kept in an in-app inbox and queued in an outbox for delivery channels
 * (SMS, e-mail) to be plugged in later. A system notice is a message key with arguments ({@link Notice}), shown in the
 * reader's language. Modules send after their business transaction committed, from a listener of their own event
 * (ADR 11), so a rolled-back change notifies nobody; a dedup key per notice makes a redelivered event harmless.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.notification;
