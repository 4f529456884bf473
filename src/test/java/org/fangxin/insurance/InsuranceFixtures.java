package org.fangxin.insurance;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestUsers;

/** Insurers with a linked login and a product rating every sector, and policies in force this month. */
public final class InsuranceFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Insurers insurers;
    private final Policies policies;
    private final TestUsers users;

    public InsuranceFixtures(Insurers insurers, Policies policies, TestUsers users) {
        this.insurers = insurers;
        this.policies = policies;
        this.users = users;
    }

    /** An insurer, one INSURER login linked to it, and its product (all sectors, tier B, {@code rateBps} a year). */
    public record Insurer(InsurerView insurer, UserAccount login, ProductView product) { }

    public Actor operator() {
        return users.create(Role.OPERATOR).actor();
    }

    public Insurer insurer(int rateBps, Money perMerchantLimit) {
        long n = SEQUENCE.incrementAndGet();
        Actor operator = operator();
        InsurerView insurer = insurers.create(operator, "测试保险 Insurer " + n, "LIC-" + n);
        UserAccount login = users.create(Role.INSURER);
        insurers.link(operator, insurer.id(), login.id());
        List<ProductRate> rates = Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, rateBps)).toList();
        ProductView product = insurers.defineProduct(login.actor(), new NewProduct(null, "放心消费险 " + n,
                EnumSet.allOf(ClosureTrigger.class), rates, Money.yuan(30_000_000), perMerchantLimit, Money.yuan(5_000)));
        return new Insurer(insurer, login, product);
    }

    /** A policy in force from the first day of this month for a year. */
    public PolicyView policy(ProductView product, PolicyScope scope, List<UUID> merchantIds, String region,
                             CostSharing sharing) {
        LocalDate start = policies.today().withDayOfMonth(1);
        return policies.issue(operator(), new NewPolicy(product.id(), scope, merchantIds, region,
                scope == PolicyScope.REGION ? "开封市市场监督管理局" : "测试投保人", start, start.plusYears(1).minusDays(1), sharing));
    }
}
