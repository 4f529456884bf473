package org.fangxin.risk;

/**
 * The kinds of external risk data a provider may send (docs/risk.md, "Feed formats"). Monthly figures carry a month
 * ({@code YYYY-MM}) and a value; dated records (court cases, list entries, 12315 complaints) carry a day
 * ({@code YYYY-MM-DD}), a reference and, for lists and complaints, a status.
 */
public enum FeedType {
    /** Tax paid in the month, in fen (tax bureau). */
    TAX_PAID(Shape.MONTHLY),
    /** Tax overdue at the end of the month, in fen (tax bureau). */
    TAX_ARREARS(Shape.MONTHLY),
    /** Employees with social insurance paid for the month (social-insurance bureau). */
    SOCIAL_INSURANCE_HEADCOUNT(Shape.MONTHLY),
    /** Electricity consumed in the month, in kWh (utility). */
    UTILITY_CONSUMPTION(Shape.MONTHLY),
    /** A court judgment against the merchant; value = amount in fen, if any (court). */
    COURT_JUDGMENT(Shape.DATED),
    /** An enforcement case against the merchant; value = amount in fen, if any (court). */
    COURT_ENFORCEMENT(Shape.DATED),
    /** Added to (LISTED) or removed from (REMOVED) the dishonest-debtor list (court). */
    DISHONEST_DEBTOR(Shape.LIST),
    /** Added to or removed from the abnormal-operation list (enterprise credit information system). */
    ABNORMAL_OPERATION(Shape.LIST),
    /** Deregistration started (LISTED) or withdrawn (REMOVED) (enterprise credit information system). */
    DEREGISTRATION(Shape.LIST),
    /** The business licence was revoked; reference = the decision's number (enterprise credit information system). */
    LICENCE_REVOKED(Shape.DATED),
    /** A court accepted a bankruptcy petition against the merchant; reference = the court's case number (court). */
    BANKRUPTCY(Shape.DATED),
    /** A consumer complaint transferred from 12315, with its outcome FILED, UPHELD, REJECTED or MEDIATED. */
    COMPLAINT_12315(Shape.COMPLAINT);

    /** How a record of this type is keyed and what it must carry. */
    public enum Shape { MONTHLY, DATED, LIST, COMPLAINT }

    private final Shape shape;

    FeedType(Shape shape) {
        this.shape = shape;
    }

    public Shape shape() {
        return shape;
    }

    public boolean monthly() {
        return shape == Shape.MONTHLY;
    }
}
