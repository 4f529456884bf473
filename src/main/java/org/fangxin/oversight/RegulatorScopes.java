package org.fangxin.oversight;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fangxin.identity.AccountScopes;
import org.fangxin.merchant.Sector;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Names the regions and sectors an operator may scope a regulator or association account to (issue 11). */
@Component
class RegulatorScopes implements AccountScopes {

    private final Regions regions;
    private final MessageSource messages;

    RegulatorScopes(Regions regions, MessageSource messages) {
        this.regions = regions;
        this.messages = messages;
    }

    @Override
    public List<Choice> regions(Locale locale) {
        // by code: a province comes before its cities, a city before its districts
        return regions.all().stream().sorted(Comparator.comparing(RegionView::code))
                .map(region -> new Choice(region.code(), regions.fullName(region.code(), locale))).toList();
    }

    @Override
    public List<Choice> sectors(Locale locale) {
        return Arrays.stream(Sector.values()).map(sector -> new Choice(sector.name(),
                messages.getMessage("merchant.sector." + sector.name(), null, sector.name(), locale))).toList();
    }

    @Override
    public String regionName(String code, Locale locale) {
        return regions.fullName(code, locale);
    }
}
