package org.fangxin.merchant.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.shared.Money;

/**
 * Checks a merchant application as a whole, so a form can show every mistake at once. Limits are named here; the
 * credit code's format and the username's availability are checked by their owners.
 */
public final class ApplicationRules {

    public static final int LEGAL_NAME_LENGTH_MIN = 2;
    public static final int LEGAL_NAME_LENGTH_MAX = 100;
    public static final int STORE_COUNT_MIN = 1;
    public static final int STORE_COUNT_MAX = 50;
    public static final int STORE_NAME_LENGTH_MAX = 100;
    public static final int ADDRESS_LENGTH_MAX = 200;
    public static final int ACCOUNT_NAME_LENGTH_MAX = 100;
    public static final int BANK_NAME_LENGTH_MAX = 100;
    public static final int DISPLAY_NAME_LENGTH_MAX = 100;
    public static final int USERNAME_LENGTH_MAX = 64;
    public static final int PASSWORD_LENGTH_MAX = 128;
    /** No licence in the register predates this; an earlier date is a typing mistake. */
    public static final LocalDate LICENSED_ON_MIN = LocalDate.of(1949, 10, 1);
    /** One trillion yuan: more registered capital or yearly revenue than any merchant of prepaid services has. */
    public static final long AMOUNT_MAX_MINOR = 100_000_000_000_000L;
    private static final Pattern REGION_CODE = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{8,32}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private ApplicationRules() {
    }

    /** Every problem of the application, in form order; empty when it may be filed. */
    public static List<FieldProblem> check(MerchantApplication application, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        String legalName = trim(application.legalName());
        if (legalName.length() < LEGAL_NAME_LENGTH_MIN || legalName.length() > LEGAL_NAME_LENGTH_MAX) {
            problems.add(new FieldProblem("legalName", "merchant.error.legalName",
                    "legal name must be " + LEGAL_NAME_LENGTH_MIN + " to " + LEGAL_NAME_LENGTH_MAX + " characters"));
        }
        CreditCode.problem(CreditCode.normalize(application.creditCode())).ifPresent(problem ->
                problems.add(creditCodeProblem(problem)));
        if (application.sector() == null) {
            problems.add(new FieldProblem("sector", "merchant.error.sector", "choose a sector"));
        }
        if (!validRegionCode(application.regionCode())) {
            problems.add(new FieldProblem("regionCode", "merchant.error.regionCode",
                    "region code must be 6 digits (GB/T 2260), e.g. 410200"));
        }
        if (application.business() != null) {
            checkBusiness(application.business(), today, problems);
        }
        checkStores(application.stores(), today, problems);
        checkSettlementAccount(application.settlementAccount(), problems);
        checkOwner(application, problems);
        return problems;
    }

    public static FieldProblem creditCodeProblem(CreditCode.Problem problem) {
        return switch (problem) {
            case MISSING -> new FieldProblem("creditCode", "merchant.error.creditCode.missing", "enter the unified social credit code");
            case LENGTH -> new FieldProblem("creditCode", "merchant.error.creditCode.length", "the unified social credit code has 18 characters");
            case CHARACTER -> new FieldProblem("creditCode", "merchant.error.creditCode.character",
                    "the unified social credit code uses digits and capital letters except I, O, Z, S and V");
            case REGION -> new FieldProblem("creditCode", "merchant.error.creditCode.region",
                    "characters 3 to 8 of the unified social credit code are the region code digits");
            case CHECK_CHARACTER -> new FieldProblem("creditCode", "merchant.error.creditCode.checkCharacter",
                    "the check character (last) of the unified social credit code does not match: check for typing mistakes");
        };
    }

    public static boolean validRegionCode(String regionCode) {
        return regionCode != null && REGION_CODE.matcher(regionCode.strip()).matches();
    }

    /**
     * Problems of declared business facts (fields under {@code business.}): the licence date and the registered capital
     * are required, the licence date not in the future; a prior-year revenue, if given, belongs to a calendar year
     * before this one and not before the licence.
     */
    public static void checkBusiness(BusinessFacts facts, LocalDate today, List<FieldProblem> problems) {
        LocalDate licensed = facts.licensedOn();
        if (licensed == null || licensed.isAfter(today) || licensed.isBefore(LICENSED_ON_MIN)) {
            problems.add(new FieldProblem("business.licensedOn", "merchant.error.licensedOn",
                    "give the licence date from the business licence (" + LICENSED_ON_MIN + " to today, " + today + ")"));
        }
        if (!validAmount(facts.registeredCapital())) {
            problems.add(new FieldProblem("business.registeredCapital", "merchant.error.registeredCapital",
                    "give the registered capital in yuan (0 to 1,000,000,000,000)"));
        }
        if (facts.priorYearRevenue() != null && !validAmount(facts.priorYearRevenue())) {
            problems.add(new FieldProblem("business.priorYearRevenue", "merchant.error.priorYearRevenue",
                    "prior-year revenue must be 0 to 1,000,000,000,000 yuan"));
        }
        Integer year = facts.revenueYear();
        if (year != null && (facts.priorYearRevenue() == null || year >= today.getYear()
                || licensed != null && year < licensed.getYear())) {
            problems.add(new FieldProblem("business.revenueYear", "merchant.error.revenueYear",
                    "the revenue year is a past calendar year, not before the licence, and needs the revenue"));
        }
    }

    /** The facts as stored: a revenue without a year refers to last calendar year. */
    public static BusinessFacts normalizeBusiness(BusinessFacts facts, LocalDate today) {
        if (facts == null) {
            return BusinessFacts.UNDECLARED;
        }
        Integer year = facts.revenueYear();
        if (facts.priorYearRevenue() != null && year == null) {
            year = today.getYear() - 1;
        }
        return new BusinessFacts(facts.licensedOn(), facts.registeredCapital(), facts.priorYearRevenue(), year);
    }

    private static boolean validAmount(Money amount) {
        return amount != null && Money.CNY.equals(amount.currency()) && amount.amountMinor() >= 0
                && amount.amountMinor() <= AMOUNT_MAX_MINOR;
    }

    /** Problems of one store, its fields prefixed by {@code path} (e.g. "stores[0]."). */
    public static void checkStore(StoreApplication store, String path, LocalDate today, List<FieldProblem> problems) {
        String name = trim(store.name());
        if (name.isEmpty() || name.length() > STORE_NAME_LENGTH_MAX) {
            problems.add(new FieldProblem(path + "name", "merchant.error.storeName",
                    "store name must be 1 to " + STORE_NAME_LENGTH_MAX + " characters"));
        }
        String address = trim(store.address());
        if (address.isEmpty() || address.length() > ADDRESS_LENGTH_MAX) {
            problems.add(new FieldProblem(path + "address", "merchant.error.storeAddress",
                    "store address must be 1 to " + ADDRESS_LENGTH_MAX + " characters"));
        }
        checkLease(store.leaseEndsOn(), path + "leaseEndsOn", today, problems);
    }

    public static void checkLease(LocalDate leaseEndsOn, String field, LocalDate today, List<FieldProblem> problems) {
        if (leaseEndsOn == null || !leaseEndsOn.isAfter(today)) {
            problems.add(new FieldProblem(field, "merchant.error.leaseEndsOn", "the lease must end after today (" + today + ")"));
        }
    }

    private static void checkStores(List<StoreApplication> stores, LocalDate today, List<FieldProblem> problems) {
        if (stores.size() < STORE_COUNT_MIN || stores.size() > STORE_COUNT_MAX) {
            problems.add(new FieldProblem("stores", "merchant.error.storeCount",
                    "name " + STORE_COUNT_MIN + " to " + STORE_COUNT_MAX + " stores"));
            if (stores.size() > STORE_COUNT_MAX) {
                return;
            }
        }
        for (int i = 0; i < stores.size(); i++) {
            checkStore(stores.get(i), "stores[" + i + "].", today, problems);
        }
    }

    /** What is wrong with a settlement account (name, bank, 8–32 digits), for a change of account. */
    public static List<FieldProblem> settlementAccountProblems(SettlementAccount account) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        checkSettlementAccount(account, problems);
        return problems.stream().map(p -> new FieldProblem(p.field().substring("settlementAccount.".length()),
                p.messageKey(), p.message())).toList();
    }

    private static void checkSettlementAccount(SettlementAccount account, List<FieldProblem> problems) {
        SettlementAccount given = account == null ? new SettlementAccount(null, null, null) : account;
        String accountName = trim(given.accountName());
        if (accountName.isEmpty() || accountName.length() > ACCOUNT_NAME_LENGTH_MAX) {
            problems.add(new FieldProblem("settlementAccount.accountName", "merchant.error.accountName",
                    "account name must be 1 to " + ACCOUNT_NAME_LENGTH_MAX + " characters"));
        }
        String bankName = trim(given.bankName());
        if (bankName.isEmpty() || bankName.length() > BANK_NAME_LENGTH_MAX) {
            problems.add(new FieldProblem("settlementAccount.bankName", "merchant.error.bankName",
                    "bank name must be 1 to " + BANK_NAME_LENGTH_MAX + " characters"));
        }
        if (!ACCOUNT_NUMBER.matcher(normalizeAccountNumber(given.accountNumber())).matches()) {
            problems.add(new FieldProblem("settlementAccount.accountNumber", "merchant.error.accountNumber",
                    "account number must be 8 to 32 digits"));
        }
    }

    private static void checkOwner(MerchantApplication application, List<FieldProblem> problems) {
        String username = trim(application.ownerUsername());
        if (username.isEmpty() || username.length() > USERNAME_LENGTH_MAX) {
            problems.add(new FieldProblem("ownerUsername", "merchant.error.ownerUsername",
                    "choose a username of 3 to 64 characters: lowercase letters, digits, '.', '_' or '-'"));
        }
        String password = application.ownerPassword() == null ? "" : application.ownerPassword();
        if (password.length() < 8 || password.length() > PASSWORD_LENGTH_MAX) {
            problems.add(new FieldProblem("ownerPassword", "merchant.error.ownerPassword",
                    "password must be 8 to " + PASSWORD_LENGTH_MAX + " characters"));
        }
        if (trim(application.ownerDisplayName()).length() > DISPLAY_NAME_LENGTH_MAX) {
            problems.add(new FieldProblem("ownerDisplayName", "merchant.error.ownerDisplayName",
                    "display name must be at most " + DISPLAY_NAME_LENGTH_MAX + " characters"));
        }
        String mobile = trim(application.contactMobile());
        if (!MOBILE.matcher(mobile).matches()) {
            problems.add(new FieldProblem("contactMobile", "merchant.error.contactMobile",
                    "contact mobile must be an 11-digit mainland mobile number"));
        }
    }

    /** Account numbers are often written in groups of four; spaces are dropped. */
    public static String normalizeAccountNumber(String accountNumber) {
        return accountNumber == null ? "" : accountNumber.replace(" ", "").strip();
    }

    static String trim(String text) {
        return text == null ? "" : text.strip();
    }
}
