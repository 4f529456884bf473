package org.fangxin.merchant.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantApplication;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreApplication;
import org.fangxin.shared.Money;

/** The application form as typed: strings only, so any input can be shown back with its error. */
public class ApplicationForm {

    static final int STORE_ROWS = 3;
    /** Yuan as typed: digits with at most two decimals (no signs, no grouping). */
    private static final Pattern YUAN = Pattern.compile("([0-9]{1,13})(?:\\.([0-9]{1,2}))?");
    /** Stands for "typed but not an amount", so the rules report the field instead of treating it as blank. */
    private static final Money NOT_AN_AMOUNT = Money.fen(-1);

    private String legalName;
    private String creditCode;
    private String sector;
    private String regionCode;
    private List<StoreRow> stores = new ArrayList<>();
    private String accountName;
    private String bankName;
    private String accountNumber;
    private String ownerUsername;
    private String ownerPassword;
    private String ownerDisplayName;
    private String contactMobile;
    private String licensedOn;
    private String registeredCapitalYuan;
    private String priorYearRevenueYuan;
    private String revenueYear;

    public ApplicationForm() {
        while (stores.size() < STORE_ROWS) {
            stores.add(new StoreRow());
        }
    }

    /** One store row of the form; a row left entirely blank is ignored. */
    public static class StoreRow {
        private String name;
        private String address;
        private String leaseEndsOn;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getLeaseEndsOn() { return leaseEndsOn; }
        public void setLeaseEndsOn(String leaseEndsOn) { this.leaseEndsOn = leaseEndsOn; }

        boolean blank() {
            return isBlank(name) && isBlank(address) && isBlank(leaseEndsOn);
        }
    }

    /** The indexes of the rows that were filled in, in order: the application's stores[i] is row rows.get(i). */
    List<Integer> filledRows() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < stores.size() && i < 50; i++) {
            if (stores.get(i) != null && !stores.get(i).blank()) {
                rows.add(i);
            }
        }
        return rows;
    }

    MerchantApplication toApplication() {
        List<StoreApplication> applied = filledRows().stream()
                .map(i -> new StoreApplication(stores.get(i).name, stores.get(i).address, date(stores.get(i).leaseEndsOn)))
                .toList();
        return new MerchantApplication(legalName, creditCode, sector(sector), regionCode, applied,
                new SettlementAccount(accountName, bankName, accountNumber), ComplianceFlags.CLEAR, ownerUsername,
                ownerPassword, ownerDisplayName, contactMobile, business(licensedOn, registeredCapitalYuan,
                priorYearRevenueYuan, revenueYear));
    }

    /** Business facts as typed; an unreadable value becomes one the rules refuse, so the field shows its error. */
    static BusinessFacts business(String licensedOn, String capitalYuan, String revenueYuan, String year) {
        Integer revenueYear = null;
        if (!isBlank(year)) {
            revenueYear = year.strip().matches("[0-9]{4}") ? Integer.valueOf(year.strip()) : -1;
        }
        return new BusinessFacts(date(licensedOn), yuan(capitalYuan), yuan(revenueYuan), revenueYear);
    }

    /** Null when blank; an exact amount in fen, never rounded. */
    static Money yuan(String text) {
        if (isBlank(text)) {
            return null;
        }
        var matcher = YUAN.matcher(text.strip().replace(",", ""));
        if (!matcher.matches()) {
            return NOT_AN_AMOUNT;
        }
        String decimals = matcher.group(2) == null ? "" : matcher.group(2);
        long fen = Long.parseLong(matcher.group(1)) * 100 + (decimals.isEmpty() ? 0 : Long.parseLong((decimals + "0").substring(0, 2)));
        return Money.fen(fen);
    }

    static LocalDate date(String text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Sector sector(String text) {
        for (Sector candidate : Sector.values()) {
            if (candidate.name().equals(text)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    public String getLegalName() { return legalName; }
    public void setLegalName(String legalName) { this.legalName = legalName; }
    public String getCreditCode() { return creditCode; }
    public void setCreditCode(String creditCode) { this.creditCode = creditCode; }
    public String getSector() { return sector; }
    public void setSector(String sector) { this.sector = sector; }
    public String getRegionCode() { return regionCode; }
    public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
    public List<StoreRow> getStores() { return stores; }
    public void setStores(List<StoreRow> stores) { this.stores = stores; }
    public String getAccountName() { return accountName; }
    public void setAccountName(String accountName) { this.accountName = accountName; }
    public String getBankName() { return bankName; }
    public void setBankName(String bankName) { this.bankName = bankName; }
    public String getAccountNumber() { return accountNumber; }
    public void setAccountNumber(String accountNumber) { this.accountNumber = accountNumber; }
    public String getOwnerUsername() { return ownerUsername; }
    public void setOwnerUsername(String ownerUsername) { this.ownerUsername = ownerUsername; }
    public String getOwnerPassword() { return ownerPassword; }
    public void setOwnerPassword(String ownerPassword) { this.ownerPassword = ownerPassword; }
    public String getOwnerDisplayName() { return ownerDisplayName; }
    public void setOwnerDisplayName(String ownerDisplayName) { this.ownerDisplayName = ownerDisplayName; }
    public String getContactMobile() { return contactMobile; }
    public void setContactMobile(String contactMobile) { this.contactMobile = contactMobile; }
    public String getLicensedOn() { return licensedOn; }
    public void setLicensedOn(String licensedOn) { this.licensedOn = licensedOn; }
    public String getRegisteredCapitalYuan() { return registeredCapitalYuan; }
    public void setRegisteredCapitalYuan(String registeredCapitalYuan) { this.registeredCapitalYuan = registeredCapitalYuan; }
    public String getPriorYearRevenueYuan() { return priorYearRevenueYuan; }
    public void setPriorYearRevenueYuan(String priorYearRevenueYuan) { this.priorYearRevenueYuan = priorYearRevenueYuan; }
    public String getRevenueYear() { return revenueYear; }
    public void setRevenueYear(String revenueYear) { this.revenueYear = revenueYear; }
}
