package org.fangxin.ledger;

import static org.fangxin.ledger.OwnerKind.CARD;
import static org.fangxin.ledger.OwnerKind.INSURER;
import static org.fangxin.ledger.OwnerKind.MERCHANT;
import static org.fangxin.ledger.OwnerKind.PLATFORM;
import static org.fangxin.ledger.Side.CREDIT;
import static org.fangxin.ledger.Side.DEBIT;

/**
 * The chart of accounts (docs/ledger.md explains each code and the postings of every business event). Assets and
 * expenses are debit-normal, liabilities, equity and income credit-normal. The names are stored in the database and
 * published in the API: never rename one, add a new code instead.
 */
public enum AccountType {

    // Assets (debit-normal)
    /** Consumer payments accepted by the payment provider and not yet credited to escrow: a receivable. */
    CONSUMER_FUNDS_CLEARING(Category.ASSET, PLATFORM, false),
    /** The merchant's supervised sub-account at the custodian bank: prepaid money not yet earned or released. */
    ESCROW(Category.ASSET, MERCHANT, true),
    /** Money released to the merchant ahead of redemption: a receivable from the merchant until earned. */
    MERCHANT_ADVANCE(Category.ASSET, MERCHANT, true),
    /** Cash of the merchant's risk deposit, held by the platform's deposit bank account. */
    RISK_DEPOSIT_HELD(Category.ASSET, MERCHANT, true),
    /** Approved insurance claims not yet paid by the insurer. */
    INSURER_RECEIVABLE(Category.ASSET, INSURER, true),
    /** Compensation paid for a closed merchant that is still to be recovered from it (subrogated claim). */
    SUBROGATION_RECEIVABLE(Category.ASSET, MERCHANT, true),
    /** Cash the platform set aside to pay consumers first after a closure. */
    PLATFORM_GUARANTEE_FUND(Category.ASSET, PLATFORM, true),
    /** The platform's own operating bank account (fees, premiums it pays). */
    PLATFORM_OPERATING_CASH(Category.ASSET, PLATFORM, true),
    /** Premium shares a government budget subsidises (e.g. a regulator-bought region policy), billed and not yet received. */
    GOVERNMENT_SUBSIDY_RECEIVABLE(Category.ASSET, PLATFORM, true),
    /**
     * Premium shares swept out of merchants' escrow sub-accounts into the platform's premium collection account,
     * waiting to be remitted to insurers.
     */
    PREMIUM_COLLECTION(Category.ASSET, PLATFORM, true),

    // Liabilities (credit-normal)
    /** Unredeemed value of one prepaid card, owed to its consumer in service or money. */
    CARD_LIABILITY(Category.LIABILITY, CARD, true),
    /** Refunds and compensation owed to the consumer of one card and not yet paid out. */
    CONSUMER_REFUNDS_PAYABLE(Category.LIABILITY, CARD, true),
    /** Value the merchant has earned (redeemed) and that is not yet paid out. */
    MERCHANT_PAYABLE(Category.LIABILITY, MERCHANT, true),
    /** Payouts instructed to the bank for the merchant and not yet confirmed by the bank statement. */
    MERCHANT_SETTLEMENT(Category.LIABILITY, MERCHANT, true),
    /** The risk deposit the merchant lodged: owed back to it unless forfeited. */
    RISK_DEPOSIT(Category.LIABILITY, MERCHANT, true),
    /** Insurance premiums collected and owed to the insurer. */
    PREMIUM_PAYABLE(Category.LIABILITY, INSURER, true),
    /**
     * An insurance benefit an insurer approved for the consumer of one card and pays that consumer directly (the Kaifeng
     * model: mediation failed, the insurer pays): owed to the consumer, settled by the insurer's payment.
     */
    INSURED_BENEFIT_PAYABLE(Category.LIABILITY, CARD, true),

    // Equity (credit-normal)
    /** The platform's own capital that funds the guarantee fund and operating cash. */
    PLATFORM_EQUITY(Category.EQUITY, PLATFORM, false),

    // Income (credit-normal)
    /** Service fees the platform charges merchants. */
    PLATFORM_FEE_INCOME(Category.INCOME, PLATFORM, false),

    // Expenses (debit-normal)
    /** Fees the banks charge the platform. */
    BANK_FEES(Category.EXPENSE, PLATFORM, false),
    /** Compensation the platform could not recover from escrow, deposit, insurer or merchant: its loss. */
    COMPENSATION_EXPENSE(Category.EXPENSE, PLATFORM, false),
    /** The platform's own share of closure-insurance premiums (cost sharing). */
    PREMIUM_EXPENSE(Category.EXPENSE, PLATFORM, false);

    /** The accounting class of a code, which fixes its normal side. */
    public enum Category {
        ASSET(DEBIT), LIABILITY(CREDIT), EQUITY(CREDIT), INCOME(CREDIT), EXPENSE(DEBIT);

        private final Side normalSide;

        Category(Side normalSide) {
            this.normalSide = normalSide;
        }

        public Side normalSide() {
            return normalSide;
        }
    }

    private final Category category;
    private final OwnerKind ownerKind;
    private final boolean nonNegativeByDefault;

    AccountType(Category category, OwnerKind ownerKind, boolean nonNegativeByDefault) {
        this.category = category;
        this.ownerKind = ownerKind;
        this.nonNegativeByDefault = nonNegativeByDefault;
    }

    public Category category() {
        return category;
    }

    public Side normalSide() {
        return category.normalSide();
    }

    public OwnerKind ownerKind() {
        return ownerKind;
    }

    /**
     * How many balance slots an account of this code keeps besides its main balance row (0: none). Codes that the busy
     * paths only move away from their floor have slots, so those postings need not lock one row per merchant
     * (docs/ledger.md "Balances"). Existing accounts got theirs from migrations V3_52_1 and V3_60_1; keep them in step.
     */
    public int balanceSlots() {
        return switch (this) {
            case MERCHANT_PAYABLE, ESCROW, CONSUMER_FUNDS_CLEARING, MERCHANT_ADVANCE -> BALANCE_SLOTS;
            default -> 0;
        };
    }

    /**
     * Whether a posting that lowers an account of this code takes the amount whole from one slot holding enough
     * (locking only that slot) before falling back to the main row and a fold: a floor per slot keeps the sum above
     * the floor. True for the merchant's advance, which every redemption of an advanced card lowers; the payable and
     * escrow are lowered by payouts and refunds, which keep the main row and fold (ADR 13).
     */
    public boolean drawsFromSlots() {
        return this == MERCHANT_ADVANCE;
    }

    /** Slots per striped account (migrations V3_52_1 and V3_60_1 created as many for the accounts that existed). */
    public static final int BALANCE_SLOTS = 8;

    /** Whether accounts of this code refuse to go below zero on their normal side unless opened otherwise. */
    public boolean nonNegativeByDefault() {
        return nonNegativeByDefault;
    }
}
