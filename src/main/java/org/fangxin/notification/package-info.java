/**
 * Notifications: messages to a user, kept in an in-app inbox and queued in an outbox for delivery channels
 * (SMS, e-mail) to be plugged in later. Sending happens in the sender's transaction, so a rolled-back change
 * notifies nobody. The owners and staff of a merchant are told when its status changes (approval, rejection,
 * suspension, closure).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "merchant"})
package org.fangxin.notification;
