package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The regulator scope over EVERY GET endpoint, generated from the application's request mappings (a new endpoint is in
 * the matrix without anyone adding it): a Kaifeng market regulator, the Kaifeng education bureau and the Kaifeng
 * consumer association call each API path and each page, path variables filled with the ids of a Beijing gym (and its
 * card; once more with a complaint about it for {@code {id}}), and no answer they get may name that gym, its card, or
 * (for the education bureau) a Kaifeng gym. Both gyms are rated, carry a risk alert and a complaint. Public
 * paths (the public catalog, closure notices, the public lookup) are public facts by design and left out.
 */
class RegulatorScopeMatrixTests extends OversightTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)(:[^}]*)?}");
    private static final List<String> PUBLIC = List.of("/api/v1/public/", "/public/", "/api/v1/auth/", "/v3/api-docs",
            "/swagger-ui", "/webjars/", "/error", "/login", "/signup", "/logout", "/actuator");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired org.fangxin.risk.RiskScores riskScores;

    @Test
    void noRegulatorReadNamesAMerchantOutsideItsRegionOrSector() {
        TestMerchants fixtures = testMerchants();
        TestCards cards = testCards();
        TestMerchants.Created beijing = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "110105");
        TestMerchants.Created kaifengGym = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "410204");
        UUID beijingCard = cards.buyPass(beijing, Money.yuan(900));
        cards.buyPass(kaifengGym, Money.yuan(700));
        takeSnapshot();
        UUID complaint = complaintAbout(beijing);
        complaintAbout(kaifengGym);
        for (TestMerchants.Created m : List.of(beijing, kaifengGym)) {
            riskScores.rate(m.id());
            riskAlert(m);
        }

        List<String> outsideKaifeng = List.of(beijing.id().toString(), beijing.merchant().legalName(),
                beijing.merchant().creditCode(), beijingCard.toString());
        List<String> outsideEducation = new ArrayList<>(outsideKaifeng);
        outsideEducation.addAll(List.of(kaifengGym.id().toString(), kaifengGym.merchant().legalName()));
        Map<String, UserAccount> callers = new LinkedHashMap<>();
        callers.put("kaifeng-regulator", users.create(Role.REGULATOR, null, null, "410200"));
        callers.put("kaifeng-association", users.create(Role.ASSOCIATION, null, null, "410200"));
        callers.put("kaifeng-education", users.create(Role.REGULATOR, null, "EDUCATION", "410200"));

        Map<String, String> ids = Map.of("merchantId", beijing.id().toString(), "cardId", beijingCard.toString());
        Set<String> paths = getPaths(ids, beijing.id().toString());
        paths.addAll(getPaths(ids, complaint.toString()));   // {id} of a complaint (the case pages and APIs)
        assertThat(paths).as("the matrix found the oversight endpoints").contains("/api/v1/oversight/balances", "/oversight");
        List<String> leaks = new ArrayList<>();
        callers.forEach((name, user) -> {
            List<String> forbidden = name.equals("kaifeng-education") ? outsideEducation : outsideKaifeng;
            Api api = api().as(user);
            FormSession page = FormSession.loggedIn(port, user.username());
            for (String path : paths) {
                int status;
                String body;
                if (path.startsWith("/api/")) {
                    Api.Response answer = api.get(path);
                    status = answer.status();
                    body = answer.body();
                } else {
                    var answer = page.get(path);
                    status = answer.statusCode();
                    body = answer.body();
                }
                if (status >= 200 && status < 300) {
                    forbidden.stream().filter(body::contains).findFirst()
                            .ifPresent(seen -> leaks.add(name + " GET " + path + " -> " + status + " shows " + seen));
                }
            }
        });
        assertThat(leaks).as("reads outside the caller's scope").isEmpty();
    }

    @Test
    void aRegulatorOfOneRegionIsNotOfferedTheAuditTrailItMayNotReadANationwideOneIs() {
        UserAccount kaifeng = users.create(Role.REGULATOR, null, null, "410200");
        UserAccount national = users.create(Role.REGULATOR);
        assertThat(FormSession.loggedIn(port, kaifeng.username()).get("/home").body()).doesNotContain("href=\"/audit\"");
        assertThat(api().as(kaifeng).get("/api/v1/audit?limit=5").status()).isEqualTo(403);
        assertThat(FormSession.loggedIn(port, national.username()).get("/home").body()).contains("href=\"/audit\"");
    }

    /** A consumer's complaint about the merchant (filed through the API); its id. */
    private UUID complaintAbout(TestMerchants.Created merchant) {
        Api.Response filed = api().as(users.create(Role.CONSUMER)).post("/api/v1/complaints", Map.of("subject", "MERCHANT",
                "subjectId", merchant.id(), "category", "SERVICE_NOT_DELIVERED", "askedAction", "按约定恢复上课",
                "description", "门店连续两周不排课，前台不回应。"), UUID.randomUUID().toString());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return UUID.fromString(filed.json().get("id").asString());
    }

    /** An open risk alert on the merchant, as the rating raises one on a tier drop (written directly: a fixture). */
    private void riskAlert(TestMerchants.Created merchant) {
        jdbc.sql("""
                insert into risk.alert (id, merchant_id, kind, subject, from_tier, to_tier, region_code, sector, raised_at,
                                        acknowledge_by, dedup_key)
                values (:id, :merchant, 'TIER_DROP', 'merchant', 'B', 'C', :region, :sector, now(), now() + interval '3 days', :dedup)
                """).param("id", UUID.randomUUID()).param("dedup", "test-" + UUID.randomUUID()).param("merchant", merchant.id())
                .param("region", merchant.merchant().regionCode()).param("sector", merchant.merchant().sector().name()).update();
    }

    /** Every GET path of the application but the public ones, variables filled ({@code fallback} for unknown names). */
    private Set<String> getPaths(Map<String, String> values, String fallback) {
        Set<String> paths = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.contains("*") || PUBLIC.stream().anyMatch(pattern::startsWith) || pattern.equals("/")) {
                    continue;
                }
                Matcher m = VARIABLE.matcher(pattern);
                StringBuilder path = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(m.group(1), fallback)));
                }
                m.appendTail(path);
                paths.add(path.toString());
            }
        }
        return paths;
    }
}
