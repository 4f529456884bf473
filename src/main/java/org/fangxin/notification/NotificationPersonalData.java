package org.fangxin.notification;

import org.fangxin.identity.Actor;
import org.fangxin.identity.PersonalDataSection;
import org.springframework.stereotype.Component;

/** The consumer's inbox in their data download. */
@Component
class NotificationPersonalData implements PersonalDataSection {

    private static final int MESSAGES_MAX = 500;

    private final Notifications notifications;

    NotificationPersonalData(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Object export(Actor consumer) {
        return notifications.inbox(consumer, MESSAGES_MAX);
    }
}
