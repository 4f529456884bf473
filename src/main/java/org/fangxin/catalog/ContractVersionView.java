package org.fangxin.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * One immutable version of a product's contract. A purchase records {@code id} (and may record {@code contentSha256})
 * as the version the consumer accepted; the text is printable at {@code /public/contracts/{id}}.
 */
public record ContractVersionView(UUID id, UUID productId, UUID merchantId, int number, ContractContent content,
                                  String canonicalText, String contentSha256, Instant createdAt) { }
