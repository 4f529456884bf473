package org.fangxin.merchant;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.shared.ProblemType;

/**
 * The merchant module's facade. {@link #find} is for other modules (no access check); the other methods check the
 * actor's role and ownership, answering "not found" for another tenant's merchant and "forbidden" for a role that may
 * not act. Every state change is audited, written to the status history and published as an event.
 */
public interface Merchants {

    /** Module-internal lookup for other modules: no access check. */
    Optional<MerchantView> find(UUID merchantId);

    /** Module-internal lookup by unified social credit code (no access check), e.g. for complaints transferred from 12315. */
    Optional<MerchantView> findByCreditCode(String creditCode);

    /**
     * Module-internal lookup for settlement (no access check): the account earned money is paid out to; empty for an
     * unknown merchant. Never shown to other callers.
     */
    Optional<SettlementAccount> settlementAccount(UUID merchantId);

    /** Module-internal lookup by unified social credit code (no access check): code → merchant, unknown codes absent. */
    Map<String, MerchantView> findByCreditCodes(Collection<String> creditCodes);

    /**
     * Module-internal batch read for other modules' jobs (no access check): merchants of the given statuses with an id
     * after {@code afterId} (null: from the first), in id order, at most {@value #BATCH_SIZE_MAX}.
     */
    List<MerchantView> batch(Collection<MerchantStatus> statuses, UUID afterId, int limit);

    int BATCH_SIZE_MAX = 5_000;

    /** True when the store belongs to the merchant (module-internal lookup, no access check; one statement). */
    boolean hasStore(UUID merchantId, UUID storeId);

    /** The merchant of each of these stores that exists (one statement; a group commit checks its commands' stores). */
    java.util.Map<UUID, UUID> merchantsOfStores(java.util.Collection<UUID> storeIds);

    /**
     * Refuses (404 "store", or "merchant" when the merchant is unknown) unless the store belongs to the merchant. Inside
     * {@link org.fangxin.shared.DeferredStatements#sendTogether} the check rides with the command's next query that
     * sends what is held ({@code queryAfterHeld}), else with its last statements, and refuses the whole command then (its
     * transaction rolls back): a hot path saves the round trip (issue 15).
     */
    void requireStore(UUID merchantId, UUID storeId);

    /** The merchant as the actor may see it; another tenant's merchant is "not found". */
    MerchantView view(Actor actor, UUID merchantId);

    /**
     * A public (anonymous) application: the merchant is created PENDING together with its owner's login (role
     * MERCHANT_OWNER), in one transaction. Invalid input → invalid-input (400) naming the field; a credit code
     * already registered → credit-code-taken (409); a taken username → username-taken (409). Nothing half-written.
     */
    MerchantView apply(MerchantApplication application);

    /** OPERATOR only: PENDING → ACTIVE. */
    MerchantView approve(Actor operator, UUID merchantId);

    /** OPERATOR only: PENDING → REJECTED; the reason is required and shown to the applicant. */
    MerchantView reject(Actor operator, UUID merchantId, String reason);

    /** OPERATOR only: ACTIVE → SUSPENDED (stops sales), with a reason. */
    MerchantView suspend(Actor operator, UUID merchantId, String reason);

    /** OPERATOR only: SUSPENDED → ACTIVE, with a reason. */
    MerchantView reinstate(Actor operator, UUID merchantId, String reason);

    /** OPERATOR only: ACTIVE or SUSPENDED → CLOSING (exit announced; no more sales), with a reason. */
    MerchantView markClosing(Actor operator, UUID merchantId, String reason);

    /** OPERATOR only: ACTIVE, SUSPENDED or CLOSING → CLOSED (final), with a reason. */
    MerchantView close(Actor operator, UUID merchantId, String reason);

    /** OPERATOR or REGULATOR (a sector regulator only in its sector): replaces the compliance flags, with a reason. */
    MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags, String reason);

    /** As above, for a change the platform makes from a data feed: the reason is a text of the platform (ADR 11). */
    MerchantView changeComplianceFlags(Actor actor, UUID merchantId, ComplianceFlags flags,
                                       MerchantHistoryEntry.Text platformReason);

    /**
     * The merchant's owner or an OPERATOR: declares the business facts (licence date, registered capital, prior-year
     * revenue), e.g. each year's revenue once the accounts are closed. Invalid → invalid-input naming the field.
     */
    MerchantView changeBusinessFacts(Actor actor, UUID merchantId, BusinessFacts facts);

    /** The merchant's owner only: adds a store (at most {@value #STORE_COUNT_MAX} per merchant). */
    StoreView addStore(Actor owner, UUID merchantId, StoreApplication store);

    /** The merchant's owner only: records a new lease end for a store (must be in the future). */
    StoreView changeLease(Actor owner, UUID merchantId, UUID storeId, LocalDate leaseEndsOn);

    /** The merchant's status history, oldest first, for those who may see the merchant in full. */
    List<MerchantHistoryEntry> history(Actor actor, UUID merchantId);

    /** The merchants the actor may see, optionally of one status, newest application first. */
    MerchantPage list(Actor actor, MerchantStatus status, int page, int size);

    /** The merchant the actor works for (owner or staff), if any. */
    Optional<MerchantView> mine(Actor actor);

    int STORE_COUNT_MAX = 50;
    int PAGE_SIZE_MAX = 100;

    /** The credit code is already registered by another merchant (or application). */
    ProblemType CREDIT_CODE_TAKEN = new ProblemType("credit-code-taken", 409);
    /** The merchant's status does not allow this action (e.g. approving an ACTIVE merchant). */
    ProblemType STATUS_CONFLICT = new ProblemType("merchant-status-conflict", 409);
    /** The merchant already has {@value #STORE_COUNT_MAX} stores. */
    ProblemType STORE_COUNT_REACHED = new ProblemType("store-count-max-reached", 409);
}
