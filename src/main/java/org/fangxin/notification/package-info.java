/**
 * Notifications: messages to a user, kept in an in-app inbox that delivery channels (SMS, e-mail: a
 * {@link org.fangxin.notification.NoticeChannel}, none plugged in yet) follow by a cursor, not an outbox row each. A system notice is a message key with arguments ({@link Notice}), shown in the
 * reader's language. Modules send after their business transaction committed, from a listener of their own event
 * (ADR 11), so a rolled-back change notifies nobody; a dedup key per notice makes a redelivered event harmless.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.notification;
