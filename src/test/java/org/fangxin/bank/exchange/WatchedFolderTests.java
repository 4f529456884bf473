package org.fangxin.bank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.bank.BankExchange;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WatchedFolderTests extends IntegrationTest {

    @Autowired WatchedFolder folder;
    @Autowired BankExchange exchange;
    @Autowired JdbcClient jdbc;

    @TempDir Path dir;

    private String csv(String account, String reference) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
        return "booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n"
                + day + "," + day + "," + account + ",12.34,," + reference + ",deposit\n"
                + day + "," + day + "," + account + ",-2.50,," + reference + "F,fee\n";
    }

    private int importsNamed(String fileName) {
        return jdbc.sql("select count(*) from bank.statement_import where file_name = :n").param("n", fileName).query(Integer.class).single();
    }

    @Test
    void twoInstancesScanningAtOnceImportAFileOnceAndMoveItToProcessed() throws Exception {
        String account = exchange.subAccountOf(UUID.randomUUID());
        String name = "stmt-" + UUID.randomUUID() + ".csv";
        Files.writeString(dir.resolve(name), csv(account, "W" + UUID.randomUUID()), StandardCharsets.UTF_8);
        var start = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        List<WatchedFolder.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<List<WatchedFolder.Outcome>>> scans = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                scans.add(pool.submit(() -> {
                    start.await();
                    return folder.scan(dir);
                }));
            }
            for (var scan : scans) {
                outcomes.addAll(scan.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("PROCESSED"));
        assertThat(importsNamed(name)).isEqualTo(1);
        assertThat(dir.resolve("processed").resolve(name)).exists();
        assertThat(dir.resolve(name)).doesNotExist();
    }

    @Test
    void aMalformedFileGoesToFailedWithTheErrorAndImportsNothing() throws Exception {
        String name = "broken-" + UUID.randomUUID() + ".csv";
        Files.writeString(dir.resolve(name), "booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n"
                + "2026-13-45,x,FX1,abc,,R,oops " + name + "\n", StandardCharsets.UTF_8); // unique bytes: a reused database remembers them

        List<WatchedFolder.Outcome> outcomes = folder.scan(dir);

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("FAILED"));
        assertThat(dir.resolve("failed").resolve(name)).exists();
        assertThat(Files.readString(dir.resolve("failed").resolve(name + ".error.txt"))).contains("line 2");
        assertThat(importsNamed(name)).isZero();
    }

    @Test
    void theSameBytesDroppedAgainAreNotImportedTwice() throws Exception {
        String account = exchange.subAccountOf(UUID.randomUUID());
        String content = csv(account, "W" + UUID.randomUUID());
        String first = "a-" + UUID.randomUUID() + ".csv";
        Files.writeString(dir.resolve(first), content, StandardCharsets.UTF_8);
        folder.scan(dir);
        String again = "b-" + UUID.randomUUID() + ".csv";
        Files.writeString(dir.resolve(again), content, StandardCharsets.UTF_8);

        List<WatchedFolder.Outcome> outcomes = folder.scan(dir);

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo("FAILED"));
        assertThat(dir.resolve("failed").resolve(again)).exists();
        assertThat(importsNamed(first)).isEqualTo(1);
        assertThat(importsNamed(again)).isZero();
        assertThat(folder.enabled()).as("off unless configured").isFalse();
    }

    /** Goal: each custodian bank has its own folder; a file is imported as the statement of the folder's bank. */
    @Test
    void aFileInABanksSubFolderIsImportedAsThatBanksStatement() throws Exception {
        String code = "W" + (System.nanoTime() % 100_000_000L);
        jdbc.sql("insert into bank.custodian_bank (code, name_zh, name_en, created_at) values (:c, '测试', 'Test', now())")
                .param("c", code).update();
        String atBank = "bank-" + UUID.randomUUID() + ".csv";
        String atRoot = "root-" + UUID.randomUUID() + ".csv";
        Files.createDirectories(dir.resolve(code));
        Files.writeString(dir.resolve(code).resolve(atBank), csv(exchange.subAccountOf(UUID.randomUUID()), "W" + UUID.randomUUID()));
        Files.writeString(dir.resolve(atRoot), csv(exchange.subAccountOf(UUID.randomUUID()), "W" + UUID.randomUUID()));

        List<WatchedFolder.Outcome> outcomes = folder.scanAllBanks(dir);

        assertThat(outcomes).extracting(WatchedFolder.Outcome::result).containsExactly("PROCESSED", "PROCESSED");
        assertThat(bankOfImport(atBank)).isEqualTo(code);
        assertThat(bankOfImport(atRoot)).isEqualTo("DEFAULT");
        assertThat(dir.resolve(code).resolve("processed").resolve(atBank)).exists();
    }

    private String bankOfImport(String fileName) {
        return jdbc.sql("select bank_code from bank.statement_import where file_name = :n").param("n", fileName).query(String.class).single();
    }
}
