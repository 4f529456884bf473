package org.fangxin.catalog;

/** A product with the summary of its current contract version, read together (a purchase's order). */
public record ProductOnSale(ProductView product, ContractSummary contract) { }
