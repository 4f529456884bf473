package org.fangxin.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.fangxin.bank.format.BankStatement;
import org.fangxin.bank.format.Camt053Reader;
import org.fangxin.bank.format.CreditTransferInstruction;
import org.fangxin.bank.format.InstructionFile;
import org.fangxin.bank.format.Pain001Writer;
import org.fangxin.bank.format.Pain002Reader;
import org.fangxin.bank.format.PaymentBatch;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.bank.format.TransferStatus;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SandboxFileExchangeTests extends IntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired BankPort bank;
    @Autowired SandboxBank sandbox;

    private static String id(String prefix) {
        String id = prefix + UUID.randomUUID().toString().replace("-", "");
        return id.length() > 35 ? id.substring(0, 35) : id;
    }

    private InstructionFile file(String debtor, String... creditorAccounts) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), SHANGHAI);
        var instructions = new java.util.ArrayList<CreditTransferInstruction>();
        long fen = 1_000;
        for (String account : creditorAccounts) {
            instructions.add(new CreditTransferInstruction(id("E"), debtor, "测试商户", account, "开封银行", Money.fen(fen += 11),
                    today, "settlement " + today));
        }
        return new Pain001Writer().write(new PaymentBatch(id("FXF"), clock.instant(), "Fangxin Platform", instructions));
    }

    private List<BankDocument> documentsNamedAfter(String messageId) {
        return bank.documentsAfter(0, 500).stream().filter(d -> d.name().contains(messageId)).toList();
    }

    private List<BankDocument> allDocumentsNamedAfter(String messageId) {
        var found = new java.util.ArrayList<BankDocument>();
        long after = 0;
        List<BankDocument> page;
        do {
            page = bank.documentsAfter(after, 500);
            for (BankDocument d : page) {
                after = d.sequence();
                if (d.name().contains(messageId)) {
                    found.add(d);
                }
            }
        } while (page.size() == 500);
        return found;
    }

    @Test
    void resendingTheSameFileIsIdempotentAndExecutesEachTransferOnce() {
        InstructionFile file = file(id("ACCT").substring(0, 20), "622200001111", "622200002222");
        FileReceipt first = bank.receiveFile(file.messageId(), file.content(), file.sha256Hex());
        FileReceipt again = bank.receiveFile(file.messageId(), file.content(), file.sha256Hex());

        assertThat(first.replayed()).isFalse();
        assertThat(first.acceptedCount()).isEqualTo(2);
        assertThat(again.replayed()).isTrue();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        sandbox.process();
        sandbox.process();
        List<BankDocument> reports = allDocumentsNamedAfter(file.messageId());
        assertThat(reports).as("one receipt report and one execution report").hasSize(2);
        PaymentStatusReport executed = new Pain002Reader().read(reports.get(1).content());
        assertThat(executed.transactions()).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TransferStatus.ACSC));
    }

    @Test
    void refusesAnotherFileUnderAUsedMessageIdAndABadChecksum() {
        InstructionFile file = file(id("ACCT").substring(0, 20), "622200001111");
        bank.receiveFile(file.messageId(), file.content(), file.sha256Hex());
        InstructionFile other = file(id("ACCT").substring(0, 20), "622200003333");
        byte[] sameIdOtherContent = other.contentAsText().replace(other.messageId(), file.messageId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> bank.receiveFile(file.messageId(), sameIdOtherContent, Pain001Writer.sha256Hex(sameIdOtherContent)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(BankPort.MESSAGE_ID_REUSED));
        assertThatThrownBy(() -> bank.receiveFile(other.messageId(), other.content(), file.sha256Hex()))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(BankPort.FILE_CHECKSUM_MISMATCH));
        assertThat(bank.documentsAfter(0, 500).stream().filter(d -> d.name().contains(other.messageId()))).isEmpty();
    }

    @Test
    void rejectsAWrongAccountAtOnceAndAcceptsTheRestOfTheBatch() {
        InstructionFile file = file(id("ACCT").substring(0, 20), "622200001111", "6222000099999", "622200004444");
        FileReceipt receipt = bank.receiveFile(file.messageId(), file.content(), file.sha256Hex());

        assertThat(receipt.acceptedCount()).isEqualTo(2);
        assertThat(receipt.rejectedCount()).isEqualTo(1);
        PaymentStatusReport report = new Pain002Reader().read(documentsNamedAfter(file.messageId()).get(0).content());
        assertThat(report.groupStatus()).isEqualTo(TransferStatus.PART);
        assertThat(report.transactions()).extracting(PaymentStatusReport.TransactionStatus::status)
                .containsExactly(TransferStatus.ACCP, TransferStatus.RJCT, TransferStatus.ACCP);
        assertThat(report.transactions().get(1).reasonCode()).isEqualTo(SandboxBank.WRONG_ACCOUNT_CODE);
    }

    @Test
    void executesAfterTheValueDateDelayAndChargesTheFeeAsItsOwnStatementLine() {
        sandbox.configure(1, 250L);
        try {
            // Start on a Friday evening: one business day later is Monday.
            LocalDate today = LocalDate.ofInstant(clock.instant(), SHANGHAI);
            LocalDate friday = today.plusDays(1);
            while (friday.getDayOfWeek() != DayOfWeek.FRIDAY) {
                friday = friday.plusDays(1);
            }
            clock.set(friday.atTime(18, 0).atZone(SHANGHAI).toInstant());
            String debtor = id("ACCT").substring(0, 20);
            sandbox.openAccount(debtor);
            sandbox.openAccount(sandbox.operatingAccount());
            InstructionFile file = file(debtor, "622200001111", "622200010000");
            bank.receiveFile(file.messageId(), file.content(), file.sha256Hex());
            String good = new org.fangxin.bank.format.Pain001Reader().read(file.content()).instructions().get(0).endToEndId();
            String closed = new org.fangxin.bank.format.Pain001Reader().read(file.content()).instructions().get(1).endToEndId();

            sandbox.process();
            clock.advance(Duration.ofDays(1));
            sandbox.process();
            assertThat(bank.status(good).orElseThrow().state()).as("not on Friday nor Saturday").isEqualTo(InstructionState.RECEIVED);

            LocalDate monday = friday.plusDays(3);
            clock.set(monday.atTime(10, 0).atZone(SHANGHAI).toInstant());
            sandbox.process();
            assertThat(bank.status(good).orElseThrow().state()).isEqualTo(InstructionState.CONFIRMED);
            assertThat(bank.status(closed).orElseThrow().state()).isEqualTo(InstructionState.RETURNED);

            clock.set(monday.atTime(23, 30).atZone(SHANGHAI).toInstant());
            sandbox.endOfDay(monday);
            BankDocument statement = bank.documentsAfter(0, 500).stream().filter(d -> d.name().equals("camt053-" + monday)).findFirst()
                    .orElseGet(() -> allDocumentsNamedAfter("camt053-" + monday).get(0));
            List<BankStatement> statements = new Camt053Reader(SHANGHAI).read(statement.content());
            BankStatement debtorStatement = statements.stream().filter(s -> s.accountNumber().equals(debtor)).findFirst().orElseThrow();
            assertThat(debtorStatement.lines()).extracting(StatementLine::endToEndId).containsExactlyInAnyOrder(good, closed, closed);
            assertThat(debtorStatement.lines()).filteredOn(l -> l.signedAmount().isPositive()).singleElement()
                    .satisfies(l -> assertThat(l.description()).contains("return reason AC04"));
            assertThat(debtorStatement.balancesAddUp()).isTrue();
            assertThat(debtorStatement.closingBalance()).isEqualTo(Money.fen(-1_011));
            BankStatement operating = statements.stream().filter(s -> s.accountNumber().equals(sandbox.operatingAccount())).findFirst().orElseThrow();
            assertThat(operating.lines()).filteredOn(l -> l.description().contains(good)).singleElement()
                    .satisfies(l -> {
                        assertThat(l.signedAmount()).isEqualTo(Money.fen(-250));
                        assertThat(BankExchange.isFee(l)).isTrue();
                    });
        } finally {
            sandbox.configure(null, null);
        }
    }
}
