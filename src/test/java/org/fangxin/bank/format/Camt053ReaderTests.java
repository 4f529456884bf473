package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class Camt053ReaderTests {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    final Camt053Reader reader = new Camt053Reader(ZoneId.of("Asia/Shanghai"));

    static String sample() {
        try (InputStream in = Camt053ReaderTests.class.getResourceAsStream("/bank/format/camt053-sample.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<BankStatement> read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheSampleStatementIntoTheExpectedLines() {
        List<BankStatement> statements = read(sample());

        assertThat(statements).hasSize(2);
        BankStatement custody = statements.get(0);
        assertThat(custody.statementId()).isEqualTo("STMT-11050101-20260302");
        assertThat(custody.accountNumber()).isEqualTo("11050101");
        assertThat(custody.fromDate()).isEqualTo(DAY);
        assertThat(custody.toDate()).isEqualTo(DAY);
        assertThat(custody.openingBalance()).isEqualTo(Money.fen(10_000_00));
        assertThat(custody.closingBalance()).isEqualTo(Money.fen(9_047_50));
        assertThat(custody.balancesAddUp()).isTrue();
        assertThat(custody.lines()).containsExactly(
                new StatementLine("STMT-11050101-20260302:1", "11050101", DAY, DAY, Money.fen(-1_600_00),
                        "E2E-PAYOUT-0001", "BK20260302000001", "结算 2026-03-01"),
                new StatementLine("STMT-11050101-20260302:2", "11050101", DAY, DAY.plusDays(1), Money.fen(300_00),
                        "PUR-7781", "BK20260302000002", "预付卡购买 会员卡"),
                new StatementLine("STMT-11050101-20260302:3", "11050101", DAY, DAY, Money.fen(-2_50),
                        null, "BK20260302000003", "手续费 跨行转账"),
                new StatementLine("STMT-11050101-20260302:4.1", "11050101", DAY, DAY, Money.fen(-100_00),
                        "E2E-REFUND-0001", "BK20260302000004-1", "退款 冷静期"),
                new StatementLine("STMT-11050101-20260302:4.2", "11050101", DAY, DAY, Money.fen(-50_00),
                        "E2E-REFUND-0002", "BK20260302000004-2", "退款 剩余可退"),
                new StatementLine("STMT-11050101-20260302:5", "11050101", DAY, DAY, Money.fen(500_00),
                        "E2E-PAYOUT-0000", "BK20260302000005", "return reason AC04"));

        BankStatement deposit = statements.get(1);
        assertThat(deposit.accountNumber()).isEqualTo("11050199");
        assertThat(deposit.openingBalance()).isEqualTo(Money.fen(0));
        assertThat(deposit.balancesAddUp()).isTrue();
        assertThat(deposit.lines()).singleElement().satisfies(line -> {
            assertThat(line.bookingDate()).isEqualTo(DAY);
            assertThat(line.valueDate()).isEqualTo(DAY);
            assertThat(line.signedAmount()).isEqualTo(Money.yuan(50_000));
            assertThat(line.endToEndId()).isEqualTo("DEP-M-0042");
        });
    }

    @Test
    void reportsAStatementWhoseBalancesDoNotAddUp() {
        var statements = read(sample().replace("<Amt Ccy=\"CNY\">9047.50</Amt>", "<Amt Ccy=\"CNY\">9047.51</Amt>"));
        assertThat(statements.get(0).balancesAddUp()).isFalse();
    }

    @Test
    void rejectsXmlThatIsNotWellFormedNamingTheLine() {
        String broken = sample().replace("<NtryRef>3</NtryRef>", "<NtryRef>3</NtryRf>");
        int line = lineOf(sample(), "<NtryRef>3</NtryRef>");

        assertThatThrownBy(() -> read(broken))
                .isInstanceOfSatisfying(MalformedBankFile.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(line);
                    assertThat(e.format()).isEqualTo("camt.053.001.08");
                })
                .hasMessageContaining("line " + line)
                .hasMessageContaining("not well-formed XML")
                .hasMessageContaining("NtryRef");
    }

    @Test
    void rejectsATruncatedFile() {
        String truncated = sample().substring(0, sample().length() / 2);
        assertThatThrownBy(() -> read(truncated)).isInstanceOf(MalformedBankFile.class).hasMessageContaining("not well-formed XML");
    }

    @Test
    void rejectsAnAmountThatIsNotANumber() {
        String bad = sample().replace("<Amt Ccy=\"CNY\">2.50</Amt>", "<Amt Ccy=\"CNY\">2,50</Amt>");
        assertThatThrownBy(() -> read(bad))
                .isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("line " + lineOf(sample(), "<Amt Ccy=\"CNY\">2.50</Amt>"));
    }

    @Test
    void rejectsMoreDecimalsThanTheCurrencyHas() {
        String bad = sample().replace("<Amt Ccy=\"CNY\">2.50</Amt>", "<Amt Ccy=\"CNY\">2.505</Amt>");
        assertThatThrownBy(() -> read(bad))
                .isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("Stmt[1]/Ntry[3]/Amt")
                .hasMessageContaining("more than 2 decimals");
    }

    @Test
    void rejectsAnElementOutsideTheModel() {
        String bad = sample().replace("<NtryRef>3</NtryRef>", "<NtryRef>3</NtryRef><Colour>red</Colour>");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class).hasMessageContaining("Colour");
    }

    @Test
    void rejectsAnotherMessageTypeNamingBoth() {
        String other = sample().replace("camt.053.001.08", "camt.053.001.02");
        assertThatThrownBy(() -> read(other))
                .isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("expected a camt.053.001.08 document")
                .hasMessageContaining("camt.053.001.02");
    }

    @Test
    void rejectsAMissingClosingBalance() {
        String bad = sample().replaceFirst("<Cd>CLBD</Cd>", "<Cd>CLAV</Cd>");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("Stmt[1] has no closing booked balance");
    }

    @Test
    void rejectsABatchWhoseTransactionsDoNotAddUpToTheEntry() {
        String bad = sample().replace("<Amt Ccy=\"CNY\">50.00</Amt>", "<Amt Ccy=\"CNY\">49.00</Amt>");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("Stmt[1]/Ntry[4]")
                .hasMessageContaining("add up to");
    }

    @Test
    void rejectsAnEntryWithoutBookingDate() {
        String bad = sample().replaceFirst("(?s)<BookgDt>\\s*<Dt>2026-03-02</Dt>\\s*</BookgDt>", "");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("Stmt[1]/Ntry[1]/BookgDt is missing");
    }

    @Test
    void refusesExternalEntities() {
        String attack = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>&x;</MsgId>"
                + "</GrpHdr></BkToCstmrStmt></Document>";
        assertThatThrownBy(() -> read(attack)).isInstanceOf(MalformedBankFile.class);
    }

    @Test
    void rejectsAnEmptyFileAndPlainText() {
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(MalformedBankFile.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("date,amount\n2026-03-02,1.00\n")).isInstanceOf(MalformedBankFile.class);
    }

    @Test
    void readsEveryStreamedEntryIntoItsOwnStatementAndNamesABadOneDeepInTheSecond() {
        byte[] xml = new Camt053Writer().write("MSG-MANY", java.time.Instant.parse("2026-03-02T15:30:00Z"), ZoneId.of("Asia/Shanghai"),
                List.of(manyEntries("S-A", "ACC-A", 3_000), manyEntries("S-B", "ACC-B", 2_000)));

        List<BankStatement> statements = reader.read(xml);

        assertThat(statements).extracting(BankStatement::statementId).containsExactly("S-A", "S-B");
        assertThat(statements.get(0).lines()).hasSize(3_000).allMatch(line -> line.accountNumber().equals("ACC-A"));
        assertThat(statements.get(1).lines()).hasSize(2_000).allMatch(line -> line.accountNumber().equals("ACC-B"));
        assertThat(statements.get(1).lines().get(1_999).lineId()).isEqualTo("S-B:2000");
        assertThat(statements.get(1).lines().get(1_999).endToEndId()).isEqualTo("E2E-S-B-2000");
        assertThat(statements).allMatch(BankStatement::balancesAddUp);

        String text = new String(xml, StandardCharsets.UTF_8);
        String bad = text.replace("<Amt Ccy=\"CNY\">19.99</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>R-S-B-1999<",
                "<Amt Ccy=\"CNY\">19.999</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt><AcctSvcrRef>R-S-B-1999<");
        assertThat(bad).isNotEqualTo(text);
        assertThatThrownBy(() -> reader.read(bad.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("Stmt[2]/Ntry[1999]/Amt").hasMessageContaining("more than 2 decimals");
    }

    /** A statement of {@code n} credits of 19.99 each (entry i has end-to-end id E2E-id-i and reference R-id-i). */
    static Camt053Writer.AccountStatement manyEntries(String id, String account, int n) {
        var entries = new java.util.ArrayList<Camt053Writer.Entry>(n);
        for (int i = 1; i <= n; i++) {
            entries.add(new Camt053Writer.Entry(Money.fen(19_99), DAY, DAY, "E2E-" + id + "-" + i, "R-" + id + "-" + i, "top-up", null, false));
        }
        return new Camt053Writer.AccountStatement(id, account, DAY, Money.fen(0), Money.fen(19_99L * n), entries);
    }

    static int lineOf(String text, String needle) {
        int index = text.indexOf(needle);
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
