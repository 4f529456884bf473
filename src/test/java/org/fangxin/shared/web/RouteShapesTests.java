package org.fangxin.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The handler lookup that remembers a path's shape still routes each request to its own handler and ids. */
class RouteShapesTests extends IntegrationTest {

    @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;
    @Autowired Merchants merchantDesk;
    @Autowired Users accounts;

    @Test
    void givesAPathWithUuidsItsShapeAndALiteralPathNone() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(RouteShapes.shapeOf("POST", "/api/v1/cards/" + a + "/redemption-codes"))
                .isEqualTo("POST /api/v1/cards/{}/redemption-codes")
                .isEqualTo(RouteShapes.shapeOf("POST", "/api/v1/cards/" + b + "/redemption-codes"));
        assertThat(RouteShapes.shapeOf("GET", "/api/v1/cards/" + a)).isEqualTo("GET /api/v1/cards/{}");
        assertThat(RouteShapes.shapeOf("GET", "/api/v1/x/" + a + "/y/" + b + "/")).isEqualTo("GET /api/v1/x/{}/y/{}/");
        assertThat(RouteShapes.shapeOf("POST", "/api/v1/redemptions")).isNull();
        assertThat(RouteShapes.shapeOf("GET", "/api/v1/cards/export")).isNull();
        assertThat(RouteShapes.shapeOf("GET", "/api/v1/cards/" + a.toString().replace('-', 'x'))).isNull();
        // a fullwidth letter where a hex digit goes (a random UUID need not contain the letter it would replace)
        String fullwidth = "\uff41" + a.toString().substring(1);
        assertThat(RouteShapes.shapeOf("GET", "/api/v1/cards/" + fullwidth)).isNull();
    }

    @Test
    void routesEveryRequestOfOneShapeToItsOwnId() {
        assertThat(mapping).isInstanceOf(RouteShapes.ShapeRememberingMapping.class);
        var merchants = new TestMerchants(merchantDesk, accounts);
        var operator = api().as(users.create(Role.OPERATOR));
        for (int i = 0; i < 3; i++) {
            UUID id = merchants.activeMerchant(Sector.SPORTS_FITNESS, "410200").id();
            var answer = operator.get("/api/v1/merchants/" + id);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("id").asString()).isEqualTo(id.toString());
        }
        var unknown = operator.get("/api/v1/merchants/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        var wrongMethod = operator.delete("/api/v1/merchants/" + UUID.randomUUID());
        assertThat(wrongMethod.status()).isEqualTo(405);
    }
}
