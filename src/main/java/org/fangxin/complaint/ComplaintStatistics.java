package org.fangxin.complaint;

import java.util.UUID;

/**
 * Public complaint figures of one merchant: counts by outcome, never contents. {@code upheldRateBp} = cases closed with
 * an agreement carried out ÷ cases closed other than withdrawn, in basis points (null while none is closed).
 */
public record ComplaintStatistics(UUID merchantId, long filed, long open, long agreementPerformed, long withdrawn,
                                  long notAccepted, long mediationFailed, Integer upheldRateBp) {

    public static ComplaintStatistics of(UUID merchantId, long filed, long open, long performed, long withdrawn,
                                         long notAccepted, long failed) {
        long judged = performed + notAccepted + failed;
        Integer rate = judged == 0 ? null : (int) ((performed * 10_000 + judged / 2) / judged);
        return new ComplaintStatistics(merchantId, filed, open, performed, withdrawn, notAccepted, failed, rate);
    }
}
