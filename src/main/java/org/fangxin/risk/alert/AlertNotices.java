package org.fangxin.risk.alert;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.notification.Notifications;
import org.fangxin.risk.RiskAlertRaised;
import org.fangxin.risk.persistence.AlertRepository;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * After an alert's transaction commits: a notice to every operator and to every regulator whose sector covers the
 * merchant (market regulators: all sectors). Region scoping of regulators comes with the oversight module; the alert
 * stores the merchant's region for it. Idempotent per alert and recipient (dedup key), so redelivery sends nothing twice.
 */
@Component
class AlertNotices {

    private static final Locale MESSAGE_LOCALE = Locale.SIMPLIFIED_CHINESE;
    private static final Actor SYSTEM = new Actor(UUID.nameUUIDFromBytes("system:risk-alerts".getBytes()),
            "system:risk-alerts", Role.OPERATOR, null, null);

    private final AlertRepository alerts;
    private final Users users;
    private final Notifications notifications;
    private final MessageSource messages;
    private final Merchants merchants;

    AlertNotices(AlertRepository alerts, Users users, Notifications notifications, MessageSource messages,
                 Merchants merchants) {
        this.merchants = merchants;
        this.alerts = alerts;
        this.users = users;
        this.notifications = notifications;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(RiskAlertRaised event) {
        alerts.find(event.alertId()).ifPresent(alert -> {
            String kind = messages.getMessage("risk.alert.kind." + alert.kind(), null, alert.kind().name(), MESSAGE_LOCALE);
            String subject = messages.getMessage("risk.notify.alert.subject", new Object[] {kind,
                    merchants.find(alert.merchantId()).map(MerchantView::legalName).orElse("")}, MESSAGE_LOCALE);
            String name = merchants.find(alert.merchantId()).map(MerchantView::legalName).orElse(alert.merchantId().toString());
            String body = messages.getMessage("risk.notify.alert.body", new Object[] {kind, alert.detail(), name,
                    alert.acknowledgeBy().toString(), "/risk/merchants/" + alert.merchantId()}, MESSAGE_LOCALE);
            for (UUID recipient : recipients(event.sector())) {
                notifications.send(recipient, subject, body, "risk-alert:" + alert.id() + ":" + recipient);
            }
        });
    }

    private Set<UUID> recipients(String sector) {
        Set<UUID> ids = new LinkedHashSet<>();
        users.list(SYSTEM, Role.OPERATOR).stream().filter(UserAccount::enabled).forEach(user -> ids.add(user.id()));
        users.list(SYSTEM, Role.REGULATOR).stream().filter(UserAccount::enabled)
                .filter(user -> user.sector() == null || user.sector().equals(sector))
                .forEach(user -> ids.add(user.id()));
        return ids;
    }
}
