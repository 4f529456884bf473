package org.fangxin.merchant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreApplication;
import org.junit.jupiter.api.Test;

class ApplicationRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final StoreApplication STORE = new StoreApplication("健身房 鼓楼店", "开封市鼓楼区中山路1号", TODAY.plusYears(2));

    static MerchantApplication valid() {
        return new MerchantApplication("开封市铁塔健身有限公司", "91350100M000100Y43", Sector.SPORTS_FITNESS, "410200",
                List.of(STORE), new SettlementAccount("开封市铁塔健身有限公司", "中国银行开封分行", "6217 0000 1234 5678"),
                ComplianceFlags.CLEAR, "tieta-gym", "a-long-password", "李店长", "13800138000");
    }

    static List<String> fields(MerchantApplication application) {
        return ApplicationRules.check(application, TODAY).stream().map(FieldProblem::field).toList();
    }

    @Test
    void acceptsAValidApplication() {
        assertThat(ApplicationRules.check(valid(), TODAY)).isEmpty();
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        var application = new MerchantApplication("x", "91350100M000100Y44", null, "4102", List.of(),
                new SettlementAccount("", "", "123"), ComplianceFlags.CLEAR, "", "short", null, "12345");
        assertThat(fields(application)).containsExactly("legalName", "creditCode", "sector", "regionCode", "stores",
                "settlementAccount.accountName", "settlementAccount.bankName", "settlementAccount.accountNumber",
                "ownerUsername", "ownerPassword", "contactMobile");
    }

    @Test
    void refusesALeaseEndingTodayOrBefore() {
        var v = valid();
        var endsToday = new MerchantApplication(v.legalName(), v.creditCode(), v.sector(), v.regionCode(),
                List.of(STORE, new StoreApplication("二店", "开封市", TODAY)), v.settlementAccount(), v.flags(),
                v.ownerUsername(), v.ownerPassword(), v.ownerDisplayName(), v.contactMobile());
        assertThat(fields(endsToday)).containsExactly("stores[1].leaseEndsOn");
    }

    @Test
    void limitsTheStoreCountToFifty() {
        var v = valid();
        var many = new MerchantApplication(v.legalName(), v.creditCode(), v.sector(), v.regionCode(),
                Collections.nCopies(51, STORE), v.settlementAccount(), v.flags(), v.ownerUsername(),
                v.ownerPassword(), v.ownerDisplayName(), v.contactMobile());
        assertThat(fields(many)).containsExactly("stores");
        var fifty = new MerchantApplication(v.legalName(), v.creditCode(), v.sector(), v.regionCode(),
                Collections.nCopies(50, STORE), v.settlementAccount(), v.flags(), v.ownerUsername(),
                v.ownerPassword(), v.ownerDisplayName(), v.contactMobile());
        assertThat(fields(fifty)).isEmpty();
    }

    @Test
    void limitsAccountNumbersToEightToThirtyTwoDigits() {
        assertThat(accountNumberValid("12345678")).isTrue();
        assertThat(accountNumberValid("1".repeat(32))).isTrue();
        assertThat(accountNumberValid("1234567")).isFalse();
        assertThat(accountNumberValid("1".repeat(33))).isFalse();
        assertThat(accountNumberValid("1234-5678")).isFalse();
    }

    @Test
    void limitsTheLegalNameLength() {
        assertThat(legalNameValid("AB")).isTrue();
        assertThat(legalNameValid("名".repeat(100))).isTrue();
        assertThat(legalNameValid("名".repeat(101))).isFalse();
        assertThat(legalNameValid("  A ")).isFalse();
    }

    @Test
    void requiresASixDigitRegionCode() {
        assertThat(ApplicationRules.validRegionCode("410200")).isTrue();
        assertThat(ApplicationRules.validRegionCode("41020")).isFalse();
        assertThat(ApplicationRules.validRegionCode("4102000")).isFalse();
        assertThat(ApplicationRules.validRegionCode("41020A")).isFalse();
        assertThat(ApplicationRules.validRegionCode("010200")).isFalse();
        assertThat(ApplicationRules.validRegionCode(null)).isFalse();
    }

    private static boolean accountNumberValid(String number) {
        var v = valid();
        var application = new MerchantApplication(v.legalName(), v.creditCode(), v.sector(), v.regionCode(), v.stores(),
                new SettlementAccount("x", "y", number), v.flags(), v.ownerUsername(), v.ownerPassword(),
                v.ownerDisplayName(), v.contactMobile());
        return fields(application).isEmpty();
    }

    private static boolean legalNameValid(String name) {
        var v = valid();
        var application = new MerchantApplication(name, v.creditCode(), v.sector(), v.regionCode(), v.stores(),
                v.settlementAccount(), v.flags(), v.ownerUsername(), v.ownerPassword(), v.ownerDisplayName(),
                v.contactMobile());
        return fields(application).isEmpty();
    }
}
