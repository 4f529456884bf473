package org.fangxin.merchant;

import java.util.List;

/** One page of merchants the caller may see, newest application first. */
public record MerchantPage(List<MerchantView> items, int page, int size, long total) {

    public MerchantPage {
        items = List.copyOf(items);
    }
}
