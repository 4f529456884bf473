package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

class OperationsTests extends IntegrationTest {

    @Test
    void reportsHealthWithoutLogin() {
        var health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        var metrics = api().getAny("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void publishesTheOpenApiDocument() {
        var docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("info").get("title").asString()).isEqualTo("Fangxin API");
        assertThat(docs.json().get("paths").has("/api/v1/auth/token")).isTrue();
    }

    @Test
    void echoesTheRequestIdForLogCorrelation() {
        var response = api().get("/actuator/health");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void answersUnknownApiPathsWithAProblemNotAPage() {
        var response = api().get("/api/v1/auth/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("not-found");
    }
}
