package org.fangxin.merchant;

/** The bank account that earned money is paid out to (never the escrow account). */
public record SettlementAccount(String accountName, String bankName, String accountNumber) { }
