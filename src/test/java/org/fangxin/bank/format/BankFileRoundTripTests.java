package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

/** What the platform writes the bank reads back unchanged, and what the sandbox bank writes the platform reads. */
class BankFileRoundTripTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aPain001ReadsBackIntoTheSameInstructions() {
        PaymentBatch batch = Pain001WriterTests.batch();
        InstructionFile file = new Pain001Writer().write(batch);

        PaymentBatch read = new Pain001Reader().read(file.content());

        assertThat(read.messageId()).isEqualTo(batch.messageId());
        assertThat(read.instructions()).containsExactlyInAnyOrderElementsOf(batch.instructions());
    }

    @Test
    void aPain001WhoseControlSumDoesNotAddUpIsRefused() {
        String xml = new Pain001Writer().write(Pain001WriterTests.batch()).contentAsText();
        String broken = xml.replaceFirst("<CtrlSum>([0-9.]+)</CtrlSum>", "<CtrlSum>1.00</CtrlSum>");

        assertThatThrownBy(() -> new Pain001Reader().read(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedBankFile.class).hasMessageContaining("CtrlSum");
    }

    @Test
    void aPain002ReadsBackWithGroupStatusAndReasons() {
        var report = new PaymentStatusReport("STS-1", "FXF-1", TransferStatus.PART, List.of(
                new PaymentStatusReport.TransactionStatus("E2E-1", TransferStatus.ACCP, null, ""),
                new PaymentStatusReport.TransactionStatus("E2E-2", TransferStatus.RJCT, "AC01", "账号错误 & <不存在>")));

        PaymentStatusReport read = new Pain002Reader().read(new Pain002Writer().write(report, Instant.parse("2026-03-02T10:00:00Z")));

        assertThat(read).isEqualTo(report);
    }

    @Test
    void aCamt053ReadsBackWithBalancesFeesAndReturns() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        var entries = List.of(
                new Camt053Writer.Entry(Money.fen(50_000), day, day, null, "L1", "escrow-funding:x", null, false),
                new Camt053Writer.Entry(Money.fen(-12_345), day, day, "FXabc", "PFXabc", "Fangxin settlement", null, false),
                new Camt053Writer.Entry(Money.fen(12_345), day, day, "FXabc", "RFXabc", "returned", "AC04", false));
        var fees = List.of(new Camt053Writer.Entry(Money.fen(-200), day, day, null, "CFXabc", "CHRG transfer fee FXabc", null, true));
        byte[] xml = new Camt053Writer().write("STMT-1", Instant.parse("2026-03-02T15:30:00Z"), SHANGHAI, List.of(
                new Camt053Writer.AccountStatement("S-1", "FX0000000001", day, Money.fen(1_000), Money.fen(51_000), entries),
                new Camt053Writer.AccountStatement("S-2", "FXOPERATING0001", day, Money.fen(900), Money.fen(700), fees)));

        List<BankStatement> read = new Camt053Reader(SHANGHAI).read(xml);

        assertThat(read).hasSize(2);
        assertThat(read.get(0).fromDate()).isEqualTo(day);
        assertThat(read.get(0).toDate()).isEqualTo(day);
        assertThat(read.get(0).balancesAddUp()).isTrue();
        assertThat(read.get(0).lines()).extracting(StatementLine::signedAmount)
                .containsExactly(Money.fen(50_000), Money.fen(-12_345), Money.fen(12_345));
        assertThat(read.get(0).lines().get(0).endToEndId()).isNull();
        assertThat(read.get(0).lines().get(2).description()).contains("return reason AC04");
        assertThat(read.get(0).lines().get(1).bankReference()).isEqualTo("PFXabc");
        assertThat(read.get(1).lines()).singleElement().satisfies(l -> {
            assertThat(l.signedAmount()).isEqualTo(Money.fen(-200));
            assertThat(l.description()).startsWith("CHRG");
        });
        assertThat(read.get(1).balancesAddUp()).isTrue();
    }
}
