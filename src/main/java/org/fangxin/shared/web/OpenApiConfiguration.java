package org.fangxin.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the API at /v3/api-docs: bearer tokens for people, API keys for bank and insurer systems. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Money's currency is written as its ISO code ("CNY"), not as the Currency object's fields
        org.springdoc.core.utils.SpringDocUtils.getConfig().replaceWithClass(java.util.Currency.class, String.class);
    }

    @Bean
    OpenAPI fangxinOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Fangxin API").version("v1")
                        .description("Prepaid-consumption platform: merchants, prepaid products with contracts, escrow ledger. "
                                + "Money is {amountMinor, currency} in fen. Errors are RFC 9457 problem details with a stable `code`. "
                                + "Send an Idempotency-Key header on every POST that creates or moves something.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
