/**
 * Complaints and mediation: consumers file complaints (with evidence) about a card, a redemption, a refund or a
 * merchant; the merchant negotiates, the platform mediates, then the consumer association or the regulator accepts and
 * mediates, each within working-day deadlines that a persistent job enforces; agreements are carried out by the
 * platform (refund through the refund module, resumed service, compensation); a failed mediation files an insurance
 * claim (trigger MEDIATION_FAILED) whose insurer pays the consumer directly. 12315 import, CSV/JSON export, an SLA
 * board and a public per-merchant statistic. Invariant: an open case has exactly one open deadline, due on a working
 * day; a closed case has none and holds nothing of the merchant's release.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "calendar", "merchant", "card", "ledger",
        "refund", "insurance", "notification", "settlement"})
package org.fangxin.complaint;
