/**
 * Rules: the region × sector rule table (cooling-off, caps, escrow ratio, real-name threshold, refund-fee cap, required
 * and banned contract clauses), each value with its published source, and its evaluation against product proposals.
 * Rows are append-only versions with an effective date; a specific region overrides the national default ({@code *}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.rules;
