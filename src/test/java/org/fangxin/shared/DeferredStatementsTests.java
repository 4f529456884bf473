package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Statements deferred to the end of a command are sent together, and one that fails or refuses takes all with it. */
class DeferredStatementsTests extends IntegrationTest {

    private static final String INSERT = "insert into deferred_probe (id, label) values (:id, :label)";

    @Autowired DeferredStatements deferred;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @BeforeEach
    void probeTable() {
        jdbc.sql("create table if not exists deferred_probe (id uuid primary key, label text)").update();
    }

    private long count(UUID... ids) {
        return jdbc.sql("select count(*) from deferred_probe where id = any(:ids)").param("ids", ids).query(Long.class).single();
    }

    private void insertLater(UUID id) {
        deferred.defer(INSERT, Map.of("id", id, "label", "later"), 1, () -> new IllegalStateException("not inserted"));
    }

    @Test
    void holdsStatementsUntilTheWorkReturnsThenSendsThemInOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long seenInside = transactions.execute(status -> deferred.sendTogether(() -> {
            insertLater(a);
            deferred.defer("update deferred_probe set label = 'updated' where id = :id", Map.of("id", a), 1,
                    () -> new IllegalStateException("not updated"));
            insertLater(b);
            return count(a, b);
        }));
        assertThat(seenInside).isZero();
        assertThat(count(a, b)).isEqualTo(2);
        assertThat(jdbc.sql("select label from deferred_probe where id = :id").param("id", a).query(String.class).single())
                .isEqualTo("updated");
    }

    @Test
    void runsAStatementAtOnceOutsideTheScope() {
        UUID a = UUID.randomUUID();
        long seen = transactions.execute(status -> {
            insertLater(a);
            return count(a);
        });
        assertThat(seen).isEqualTo(1);
    }

    @Test
    void aFailingStatementInTheRoundTripRollsBackTheWholeCommand() {
        UUID before = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> deferred.sendTogether(() -> {
            jdbc.sql(INSERT).param("id", before).param("label", "at once").update();
            insertLater(a);
            insertLater(a); // the same key again: the second insert fails
            insertLater(b);
            return null;
        }))).isInstanceOf(DataAccessException.class);
        assertThat(count(before, a, b)).isZero();
    }

    @Test
    void aCheckThatFindsNoRowRefusesAndTheCommandWritesNothing() {
        UUID a = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> deferred.sendTogether(() -> {
            deferred.defer("select 1 from deferred_probe where id = :id", Map.of("id", UUID.randomUUID()), 1,
                    () -> Rejection.notFound("probe"));
            insertLater(a);
            return null;
        }))).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThat(count(a)).isZero();
    }

    @Test
    void aQueryAfterHeldSendsTheHeldStatementsFirstInItsRoundTripAndNotAgainAtTheEnd() {
        UUID a = UUID.randomUUID();
        long seen = transactions.execute(status -> deferred.sendTogether(() -> {
            insertLater(a);
            return deferred.queryAfterHeld("select count(*) from deferred_probe where id = :id", Map.of("id", a),
                    (rs, n) -> rs.getLong(1)).get(0);
        }));
        assertThat(seen).isEqualTo(1);
        assertThat(count(a)).isEqualTo(1); // sent once: a second insert of the same key would have failed the command
    }

    @Test
    void aHeldCheckThatRefusesStopsTheWorkAtTheQueryAfterItAndNothingIsWritten() {
        UUID written = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> deferred.sendTogether(() -> {
            deferred.defer("select 1 from deferred_probe where id = :id", Map.of("id", UUID.randomUUID()), 1,
                    () -> Rejection.notFound("probe"));
            deferred.queryAfterHeld(INSERT + " returning id", Map.of("id", written, "label", "with the check"),
                    (rs, n) -> rs.getObject(1));
            jdbc.sql(INSERT).param("id", after).param("label", "after the check").update();
            return null;
        }))).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.NOT_FOUND));
        assertThat(count(written, after)).isZero();
    }

    @Test
    void aStatementOfAnotherTransactionStartedInsideTheScopeRunsInThatTransaction() {
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        UUID inner = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> deferred.sendTogether(() -> {
            own.executeWithoutResult(s -> insertLater(inner));
            throw new IllegalStateException("the outer command fails");
        }))).hasMessage("the outer command fails");
        assertThat(count(inner)).isEqualTo(1);
    }

    @Test
    void refusesToHoldOutsideATransaction() {
        assertThatThrownBy(() -> deferred.sendTogether(() -> null)).isInstanceOf(IllegalStateException.class);
    }
}
