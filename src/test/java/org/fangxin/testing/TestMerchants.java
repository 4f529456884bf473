package org.fangxin.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.merchant.domain.CreditCode;
import org.fangxin.shared.Money;

/**
 * Creates uniquely named merchants through the real facade, each with an owner login whose password is
 * {@link TestUsers#PASSWORD}. Usage in an integration test:
 * <pre>{@code
 * @Autowired Merchants merchants;
 * @Autowired Users accounts;
 * var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
 * api().as(gym.owner()).get("/api/v1/merchants/" + gym.id());
 * }</pre>
 * Stores' leases end {@value #LEASE_YEARS} years after the given date (default: 2030-01-01 > TestClock.START).
 */
public class TestMerchants {

    public static final int LEASE_YEARS = 5;
    public static final LocalDate DEFAULT_LEASE_START = LocalDate.of(2030, 1, 1);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final Merchants merchants;
    private final Users users;
    private final TestUsers testUsers;

    public TestMerchants(Merchants merchants, Users users) {
        this.merchants = merchants;
        this.users = users;
        this.testUsers = new TestUsers(users);
    }

    /** A merchant with its owner's login; log in with {@code api().as(owner())} or {@code (ownerUsername(), password())}. */
    public record Created(MerchantView merchant, UserAccount owner, String password) {
        public UUID id() {
            return merchant.id();
        }

        public String ownerUsername() {
            return owner.username();
        }

        public Actor ownerActor() {
            return owner.actor();
        }
    }

    /** An approved (ACTIVE) merchant with one store whose lease ends on 2030-01-01 + 5 years. */
    public Created activeMerchant(Sector sector, String regionCode) {
        Created pending = pendingMerchant(sector, regionCode);
        MerchantView approved = merchants.approve(operator(), pending.id());
        return new Created(approved, pending.owner(), pending.password());
    }

    /** A PENDING application (not yet approved). */
    public Created pendingMerchant(Sector sector, String regionCode) {
        return pendingMerchant(application(sector, regionCode));
    }

    public Created pendingMerchant(MerchantApplication application) {
        MerchantView merchant = merchants.apply(application);
        UserAccount owner = users.findByUsername(application.ownerUsername()).orElseThrow();
        return new Created(merchant, owner, application.ownerPassword());
    }

    /** A valid application with a unique name, credit code and owner username; change it with record copies. */
    public MerchantApplication application(Sector sector, String regionCode) {
        long n = SEQUENCE.incrementAndGet();
        return new MerchantApplication("测试商户 Test merchant " + n, uniqueCreditCode(regionCode, n), sector, regionCode,
                List.of(new StoreApplication("门店 Store " + n, "开封市鼓楼区测试路" + n + "号",
                        DEFAULT_LEASE_START.plusYears(LEASE_YEARS))),
                new SettlementAccount("测试商户 " + n, "开封银行", String.format("6222%012d", n % 1_000_000_000_000L)),
                ComplianceFlags.CLEAR, "owner-" + n, TestUsers.PASSWORD, "Owner " + n, "1380000" + String.format("%04d", n % 10_000),
                ESTABLISHED);
    }

    /** The business facts of test merchants: licensed in 2020, ¥500,000 capital, ¥1,200,000 revenue in 2025. */
    public static final BusinessFacts ESTABLISHED = new BusinessFacts(LocalDate.of(2020, 6, 1), Money.yuan(500_000),
            Money.yuan(1_200_000), 2025);

    /** A staff login of the merchant (password {@link TestUsers#PASSWORD}). */
    public UserAccount staff(UUID merchantId) {
        return testUsers.create(Role.MERCHANT_STAFF, merchantId, null);
    }

    /** An operator actor, for calling the facade's operator actions directly. */
    public Actor operator() {
        return testUsers.create(Role.OPERATOR).actor();
    }

    /** A valid, unique code: 9 (market regulator) 1 (company), the region digits, 9 organisation characters, check. */
    public static String uniqueCreditCode(String regionCode, long n) {
        String region = regionCode != null && regionCode.matches("[0-9]{6}") ? regionCode : "410200";
        String organisation = String.format("%09d", Math.floorMod(n, 1_000_000_000L));
        String first17 = "91" + region + organisation;
        return first17 + CreditCode.checkCharacter(first17);
    }
}
