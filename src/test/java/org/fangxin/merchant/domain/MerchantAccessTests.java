package org.fangxin.merchant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.domain.MerchantAccess.Level;
import org.junit.jupiter.api.Test;

class MerchantAccessTests {

    static final UUID MERCHANT = UUID.randomUUID();

    static Actor actor(Role role, UUID merchantId, String sector) {
        return new Actor(UUID.randomUUID(), "someone", role, merchantId, sector);
    }

    static Level read(Actor actor, MerchantStatus status) {
        return MerchantAccess.read(actor, MERCHANT, Sector.EDUCATION, status);
    }

    @Test
    void merchantSideSeesOnlyItsOwnMerchant() {
        assertThat(read(actor(Role.MERCHANT_OWNER, MERCHANT, null), MerchantStatus.PENDING)).isEqualTo(Level.FULL);
        assertThat(read(actor(Role.MERCHANT_STAFF, MERCHANT, null), MerchantStatus.ACTIVE)).isEqualTo(Level.FULL);
        assertThat(read(actor(Role.MERCHANT_OWNER, UUID.randomUUID(), null), MerchantStatus.ACTIVE)).isEqualTo(Level.HIDDEN);
    }

    @Test
    void sectorRegulatorSeesOnlyItsSector() {
        assertThat(read(actor(Role.REGULATOR, null, "EDUCATION"), MerchantStatus.PENDING)).isEqualTo(Level.FULL);
        assertThat(read(actor(Role.REGULATOR, null, "SPORTS_FITNESS"), MerchantStatus.ACTIVE)).isEqualTo(Level.HIDDEN);
        assertThat(read(actor(Role.REGULATOR, null, null), MerchantStatus.ACTIVE)).isEqualTo(Level.FULL);
    }

    @Test
    void bankAndInsurerSeeBasicsOfAcceptedMerchantsOnly() {
        assertThat(read(actor(Role.BANK, null, null), MerchantStatus.ACTIVE)).isEqualTo(Level.BASIC);
        assertThat(read(actor(Role.INSURER, null, null), MerchantStatus.CLOSED)).isEqualTo(Level.BASIC);
        assertThat(read(actor(Role.BANK, null, null), MerchantStatus.PENDING)).isEqualTo(Level.HIDDEN);
        assertThat(read(actor(Role.INSURER, null, null), MerchantStatus.REJECTED)).isEqualTo(Level.HIDDEN);
    }

    @Test
    void operatorAndAssociationSeeAllAndConsumersNone() {
        assertThat(read(actor(Role.OPERATOR, null, null), MerchantStatus.PENDING)).isEqualTo(Level.FULL);
        assertThat(read(actor(Role.ASSOCIATION, null, null), MerchantStatus.REJECTED)).isEqualTo(Level.FULL);
        assertThat(read(actor(Role.CONSUMER, null, null), MerchantStatus.ACTIVE)).isEqualTo(Level.FORBIDDEN);
    }
}
