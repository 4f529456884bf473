package org.fangxin.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fangxin.FangxinApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The real application, started as in production without its secrets, stops before it touches the database. */
@Tag("application")
class ProductionStartTests {

    @Test
    void theApplicationRefusesToStartWithoutItsSecrets() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(FangxinApplication.class)
                .web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--fangxin.db.url=jdbc:postgresql://127.0.0.1:1/never-reached",
                        "--fangxin.jobs.enabled=false", "--logging.structured.format.console=", "--spring.main.banner-mode=off",
                        "--fangxin.identity.hmac-key=", "--fangxin.card.token-key="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("FANGXIN_IDENTITY_HMAC_KEY");
        assertThat(DevelopmentDefaults.RELAXED_PROFILES).containsExactlyInAnyOrder("demo", "test");
    }
}
