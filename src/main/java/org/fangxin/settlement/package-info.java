/**
 * Settlement: pays merchants what they earned. Settlement runs (daily T+1 by default, weekly for some sectors) pay each
 * merchant its MERCHANT_PAYABLE as of the cutoff, minus holds, through the bank port; bank confirmations clear the
 * money in transit, returns put it back into payable. One payout per merchant, settlement date and currency, enforced
 * by the database; every posting has a deterministic key.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "ledger", "merchant", "bank", "notification"})
package org.fangxin.settlement;
