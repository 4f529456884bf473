package org.fangxin.bank.custodian;

/** A custodian bank: its code, names in both languages, and the platform's custody account there (null: configured). */
public record CustodianBankView(String code, String nameZh, String nameEn, String custodyAccount) {
}
