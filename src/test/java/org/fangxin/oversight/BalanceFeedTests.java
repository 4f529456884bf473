package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.fangxin.identity.ApiKeys;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The supervision feed: a Kaifeng supervision platform (a REGULATOR system user with an API key) pulls a day's JSON
 * lines and the signature file; the lines are its region's merchants only, their SHA-256 and count are the manifest's,
 * and the Ed25519 signature verifies with the public key the platform publishes.
 */
class BalanceFeedTests extends OversightTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired ApiKeys apiKeys;
    @Autowired JsonMapper json;
    @Autowired org.fangxin.oversight.snapshot.SnapshotRepository snapshots;
    @Autowired Regions regions;
    @Autowired org.fangxin.oversight.feed.FeedKey feedKey;

    @Test
    void aSupervisionPlatformPullsItsRegionsSignedLinesWithAnApiKey() throws Exception {
        TestMerchants fixtures = testMerchants();
        TestMerchants.Created kaifeng = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "410205");
        TestMerchants.Created beijing = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "110101");
        testCards().buyPass(kaifeng, Money.yuan(1500));
        testCards().buyPass(beijing, Money.yuan(1500));
        takeSnapshot();
        UserAccount operator = users.create(Role.OPERATOR);
        String day = api().as(operator).get("/api/v1/oversight/balances").json().get("day").asString();
        UserAccount platform = users.create(Role.REGULATOR, null, null, "410200");
        String key = apiKeys.create(operator.actor(), platform.id(), "开封市预付式消费监管平台").key();

        HttpResponse<byte[]> lines = pull("/api/v1/oversight/feed?day=" + day, key);
        assertThat(lines.statusCode()).isEqualTo(200);
        assertThat(lines.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String text = new String(lines.body(), StandardCharsets.UTF_8);
        List<JsonNode> rows = text.lines().map(json::readTree).toList();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("merchantId").asString()).isEqualTo(kaifeng.id().toString());
            assertThat(r.get("creditCode").asString()).isEqualTo(kaifeng.merchant().creditCode());
            assertThat(r.get("regionName").asString()).isEqualTo("河南省 开封市 禹王台区");
            assertThat(r.get("outstandingFen").asLong()).isEqualTo(150_000);
        });
        assertThat(rows).allSatisfy(r -> assertThat(r.get("regionCode").asString()).startsWith("4102"));
        assertThat(text).doesNotContain(beijing.id().toString());

        JsonNode manifest = json.readTree(pull("/api/v1/oversight/feed/signature?day=" + day, key).body());
        assertThat(manifest.get("lines").asLong()).isEqualTo(rows.size());
        assertThat(manifest.get("region").asString()).isEqualTo("410200");
        assertThat(manifest.get("sha256").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lines.body())));
        String signed = "fangxin-balance-feed-v1\n" + day + "\n410200\n*\n" + rows.size() + "\n" + manifest.get("sha256").asString() + "\n";
        assertThat(verifies(signed, manifest.get("signature").asString())).isTrue();
        assertThat(verifies(signed.replace("410200", "110000"), manifest.get("signature").asString())).isFalse();

        assertThat(pull("/api/v1/oversight/feed?day=" + day + "&region=110000", key).statusCode()).isEqualTo(404);
        assertThat(pull("/api/v1/oversight/feed?day=2001-01-01", key).statusCode()).isEqualTo(404);
        assertThat(pull("/api/v1/oversight/feed?day=yesterday", key).statusCode()).isEqualTo(400);
        assertThat(pull("/api/v1/oversight/feed?day=" + day, "fxk_not-a-key").statusCode()).isEqualTo(401);

        // the platform's key only reads: deciding a filing stays with a regulator signed in on the pages
        HttpResponse<byte[]> write = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/oversight/filings/" + java.util.UUID.randomUUID() + "/acknowledgement"))
                .header("X-Api-Key", key).header("Accept-Language", "zh-CN").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(write.statusCode()).isEqualTo(403);
        JsonNode refused = json.readTree(write.body());
        assertThat(refused.get("type").asString()).endsWith("api-key-read-only");
        assertThat(refused.get("title").asString()).isEqualTo("监管平台密钥只读");
    }

    @Test
    void theDailyJobWritesTheNationwideFileAndItsSignatureNextToItTheSameBytesWhenTwoInstancesRunIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        testCards().buyPass(testMerchants().activeMerchant(Sector.BEAUTY, "310104"), Money.yuan(800));
        takeSnapshot();
        BalanceFeed job = new BalanceFeed(snapshots, regions, feedKey, json, clock, folder.toString());
        var together = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = together.submit(job::exportToday);
            var second = together.submit(job::exportToday);
            assertThat(first.get()).isEqualTo(second.get());
        } finally {
            together.shutdown();
        }
        java.nio.file.Path data = job.exportToday();
        byte[] bytes = java.nio.file.Files.readAllBytes(data);
        JsonNode manifest = json.readTree(java.nio.file.Files.readString(data.resolveSibling(data.getFileName() + ".sig")));
        assertThat(manifest.get("region").asString()).isEqualTo("000000");
        assertThat(manifest.get("sha256").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(new String(bytes, StandardCharsets.UTF_8).lines().count()).isEqualTo(manifest.get("lines").asLong())
                .isPositive();
        assertThat(verifies(manifest.get("format").asString() + "\n" + manifest.get("day").asString() + "\n000000\n*\n"
                + manifest.get("lines").asLong() + "\n" + manifest.get("sha256").asString() + "\n",
                manifest.get("signature").asString())).isTrue();
        try (var left = java.nio.file.Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .allMatch(name -> name.endsWith(".jsonl") || name.endsWith(".jsonl.sig"));
        }
    }

    private HttpResponse<byte[]> pull(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Api-Key", key)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Verifies with the PUBLISHED key (the public endpoint's PEM), as a supervision platform would. */
    private boolean verifies(String text, String signature) throws Exception {
        String pem = api().get("/api/v1/public/oversight/feed-key").json().get("publicKeyPem").asString();
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
