package org.fangxin.catalog;

/** ACTIVE products may be bought; a WITHDRAWN product is off sale for good (cards already sold stay valid). */
public enum ProductStatus {
    ACTIVE,
    WITHDRAWN
}
