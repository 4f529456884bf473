/**
 * Catalog: prepaid products (session packs, period passes, stored-value cards) and their written contracts. A product
 * may be listed only by the owner of an active, unflagged merchant and only within the region × sector rule table;
 * each contract version is immutable, hashed (SHA-256 of its canonical text) and printable at /public/contracts/{id}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity", "merchant", "rules"})
package org.fangxin.catalog;
