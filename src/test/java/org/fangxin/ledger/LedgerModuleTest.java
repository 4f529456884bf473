package org.fangxin.ledger;

import java.util.UUID;
import org.fangxin.testing.ModuleTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Base of the ledger's module tests: the ledger, SQL to look at its rows, transactions, and fresh posting keys. */
abstract class LedgerModuleTest extends ModuleTest {

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** A posting key of the event, unique per call. */
    static String key(String event) {
        return event + ":" + UUID.randomUUID();
    }
}
