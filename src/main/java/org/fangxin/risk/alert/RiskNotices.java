package org.fangxin.risk.alert;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.notification.Notice;
import org.fangxin.notification.Notifications;
import org.fangxin.risk.AlertView;
import org.fangxin.risk.RiskAlertRaised;
import org.fangxin.risk.persistence.AlertRepository;
import org.fangxin.shared.MessageArgument;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The risk module's notices (ADR 11): after an alert's transaction commits, a notice to every operator and to every
 * regulator whose sector covers the merchant (market regulators: all sectors), in the reader's language
 * ({@code risk.notice.alert.<kind>}). Region scoping of regulators comes with the oversight module; the alert stores the
 * merchant's region for it. Idempotent per alert and recipient (dedup key), so redelivery sends nothing twice.
 */
@Component
class RiskNotices {

    private static final Actor SYSTEM = new Actor(UUID.nameUUIDFromBytes("system:risk-alerts".getBytes()),
            "system:risk-alerts", Role.OPERATOR, null, null);

    private final AlertRepository alerts;
    private final Users users;
    private final Notifications notifications;
    private final Merchants merchants;

    RiskNotices(AlertRepository alerts, Users users, Notifications notifications, Merchants merchants) {
        this.merchants = merchants;
        this.alerts = alerts;
        this.users = users;
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(RiskAlertRaised event) {
        alerts.find(event.alertId()).ifPresent(alert -> {
            String name = merchants.find(alert.merchantId()).map(MerchantView::legalName).orElse(alert.merchantId().toString());
            for (UUID recipient : recipients(event.sector())) {
                notifications.send(Notice.of(recipient, "risk.notice.alert." + alert.kind(),
                        "risk-alert:" + alert.id() + ":" + recipient, alert.raisedAt(), name, literals(alert),
                        alert.acknowledgeBy(), "/risk/merchants/" + alert.merchantId(), alert.fromTier(), alert.toTier()));
            }
        });
    }

    /**
     * The detail's literal arguments (score; value and as-of day; reference and provider), the same in every language:
     * the notice names the kind in the reader's language and links to the page that names the factor or list.
     */
    static String literals(AlertView alert) {
        return String.join(", ", alert.detailArgs().stream().filter(a -> !a.startsWith(MessageArgument.PREFIX)).toList());
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
