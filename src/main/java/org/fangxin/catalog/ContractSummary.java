package org.fangxin.catalog;

import java.util.UUID;

/**
 * What a purchase records of the contract version it is sold under: its id, number and content hash, and the
 * supervision ratio it states. Read without the contract's text and content (a purchase's order needs only these).
 */
public record ContractSummary(UUID id, int number, String contentSha256, int supervisionRatioBp) { }
