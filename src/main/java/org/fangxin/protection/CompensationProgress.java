package org.fangxin.protection;

import java.util.UUID;

/**
 * How far a closure's compensation got, for its public notice. The compensation module implements it: it depends on
 * protection, so protection asks through this interface (as card asks protection through {@code SalesBlocks}).
 */
public interface CompensationProgress {

    /** Progress of a case whose public notice exists (else a "not found" rejection); no personal data. */
    CompensationProgressView progress(UUID caseId);
}
