/**
 * Oversight: the regulators' and the consumer association's workspace and the public's window. Regions (GB/T 2260,
 * province → city → district) and the regulator scope built on them (identity keeps each regulator's region and sector,
 * merchant publishes {@code MerchantScope}); the prepaid-balance dashboard read from daily snapshots that a job builds
 * from the owners' published views (card, ledger, protection, merchant), never by scanning cards at request time;
 * exports of its lists; and the public merchant lookup. Read models only: this module never moves money.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "card", "protection", "complaint"})
package org.fangxin.oversight;
