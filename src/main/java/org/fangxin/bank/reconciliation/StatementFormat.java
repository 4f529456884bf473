package org.fangxin.bank.reconciliation;

/** The file formats a statement may be uploaded in. */
public enum StatementFormat {
    /** ISO 20022 camt.053.001.08 end-of-day statement, with opening and closing balances per account. */
    CAMT053,
    /** CSV in the default column layout of {@link Reconciliations#DEFAULT_CSV_MAPPING}; carries no balances. */
    CSV
}
