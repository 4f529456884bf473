package org.fangxin.protection.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.identity.Users;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

class DemoGuaranteeFundTests extends IntegrationTest {

    @Autowired GuaranteeFund fund;
    @Autowired RecoveryRepository repository;
    @Autowired Users accounts;
    @Autowired JdbcClient jdbc;

    long seeds() {
        return jdbc.sql("select count(*) from protection.fund_top_up where reference = 'demo seed'").query(Long.class).single();
    }

    @Test
    void seedsOneTopUpOnlyWhileTheFundHasNone() {
        boolean empty = repository.topUps().isEmpty();
        var demo = new DemoGuaranteeFund(fund, repository, accounts);
        demo.run(new DefaultApplicationArguments());
        long afterFirst = seeds();
        assertThat(afterFirst).isEqualTo(empty ? 1 : 0);
        demo.run(new DefaultApplicationArguments());
        assertThat(seeds()).isEqualTo(afterFirst);
        assertThat(repository.topUps()).isNotEmpty();
    }
}
