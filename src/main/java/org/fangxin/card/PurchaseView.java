package org.fangxin.card;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A consumer's purchase of a product under an accepted contract version ({@code contractSha256} is that version's
 * content hash). {@code checkoutUrl} is where the consumer pays; {@code cardId} is set once the payment is confirmed.
 */
public record PurchaseView(UUID id, UUID consumerId, UUID merchantId, UUID storeId, UUID productId, String productName,
                           UUID contractVersionId, String contractSha256, int supervisionRatioBp, Money amount,
                           PurchaseStatus status, UUID paymentOrderId, String checkoutUrl, Instant createdAt,
                           Instant paidAt, UUID cardId) { }
