package org.fangxin.insurance;

import java.time.Instant;
import java.util.UUID;

/** An insurer organisation; its id owns the insurer's ledger accounts (PREMIUM_PAYABLE, INSURER_RECEIVABLE). */
public record InsurerView(UUID id, String name, String licenceNo, Instant createdAt) { }
