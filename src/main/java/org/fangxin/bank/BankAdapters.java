package org.fangxin.bank;

/**
 * The bank port of each custodian bank: a payout goes to the adapter of the bank that holds the merchant's
 * sub-account, and each bank's documents are fetched from its own adapter. With the sandbox on, every registered bank
 * has its sandbox instance; with it off, no bank is connected.
 */
public interface BankAdapters {

    /** The adapter connected for the bank (by code). */
    BankPort of(String bankCode);
}
