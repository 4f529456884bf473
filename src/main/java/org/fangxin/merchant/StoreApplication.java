package org.fangxin.merchant;

import java.time.LocalDate;

/** A store named in an application (or added later by the owner); its lease must end in the future. */
public record StoreApplication(String name, String address, LocalDate leaseEndsOn) { }
