package org.fangxin.merchant;

import java.time.LocalDate;
import java.util.UUID;

/** A store of a merchant; a product sold there may not stay valid past {@code leaseEndsOn}. */
public record StoreView(UUID id, String name, String address, LocalDate leaseEndsOn) { }
