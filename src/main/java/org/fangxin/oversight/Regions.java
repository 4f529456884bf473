package org.fangxin.oversight;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangxin.shared.web.RegionNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The region hierarchy (table {@code oversight.region}, seeded by V18_0_1) and region names for every page: a code
 * no row names is shown as its code. Small and read often, so it is read once and kept (regions change by migration).
 */
@Service
public class Regions {

    private final JdbcClient jdbc;
    private volatile Map<String, RegionView> byCode;

    Regions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RegionView> all() {
        return List.copyOf(regions().values());
    }

    public Optional<RegionView> find(String code) {
        return Optional.ofNullable(code == null ? null : regions().get(code.trim()));
    }

    /** The region's name in the locale, the country for {@link RegionView#COUNTRY}, or the code itself when unknown. */
    public String name(String code, Locale locale) {
        if (code == null || RegionView.COUNTRY.equals(code)) {
            return locale != null && "en".equals(locale.getLanguage()) ? "Nationwide" : "全国";
        }
        return find(code).map(r -> r.name(locale)).orElse(code);
    }

    /** The full name by the one rule of {@link RegionNames} (河南省 开封市 鼓楼区; Gulou District - Kaifeng - Henan in English, comma-separated). */
    public String fullName(String code, Locale locale) {
        if (code == null || RegionView.COUNTRY.equals(code)) {
            return name(code, locale);
        }
        return RegionNames.join(code, locale, c -> find(c).map(r -> r.name(locale)).orElse(null));
    }

    /** The regions directly below {@code code} (the provinces below {@link RegionView#COUNTRY}), by code. */
    public List<RegionView> children(String code) {
        boolean country = code == null || RegionView.COUNTRY.equals(code);
        return regions().values().stream()
                .filter(r -> country ? r.parent() == null : code.equals(r.parent())).toList();
    }

    private Map<String, RegionView> regions() {
        Map<String, RegionView> cached = byCode;
        if (cached == null) {
            cached = jdbc.sql("select code, parent, level, name_zh, name_en from oversight.region order by code")
                    .query((rs, n) -> new RegionView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)))
                    .list().stream().collect(Collectors.toMap(RegionView::code, Function.identity(), (a, b) -> a,
                            java.util.LinkedHashMap::new));
            byCode = cached;
        }
        return cached;
    }
}
