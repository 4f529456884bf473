package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.fangxin.bank.format.PaymentStatusReport.TransactionStatus;
import org.junit.jupiter.api.Test;

class Pain002ReaderTests {

    final Pain002Reader reader = new Pain002Reader();

    static String sample() {
        try (InputStream in = Pain002ReaderTests.class.getResourceAsStream("/bank/format/pain002-sample.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PaymentStatusReport read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheStatusOfEachTransactionByEndToEndId() {
        PaymentStatusReport report = read(sample());

        assertThat(report.messageId()).isEqualTo("CBK-STS-20260302-0007");
        assertThat(report.originalMessageId()).isEqualTo("FX-20260302-0001");
        assertThat(report.groupStatus()).isEqualTo(TransferStatus.PART);
        assertThat(report.transactions()).containsExactly(
                new TransactionStatus("E2E-1", TransferStatus.ACSC, null, ""),
                new TransactionStatus("E2E-2", TransferStatus.RJCT, "AC04", "收款账户已销户"),
                new TransactionStatus("E2E-3", TransferStatus.ACSC, null, ""),
                new TransactionStatus("E2E-4", TransferStatus.ACCP, null, ""));
        assertThat(report.transactions().get(1).status().isRejected()).isTrue();
        assertThat(report.transactions().get(0).status().isSettled()).isTrue();
    }

    @Test
    void answersTheEndToEndIdsOfAGeneratedInstructionFile() {
        var file = new Pain001Writer().write(Pain001WriterTests.batch());
        var report = read(sample());
        var sent = Pain001WriterTests.batch().instructions().stream().map(CreditTransferInstruction::endToEndId).toList();
        assertThat(report.originalMessageId()).isEqualTo(file.messageId());
        assertThat(report.transactions()).extracting(TransactionStatus::endToEndId).containsExactlyElementsOf(sent);
    }

    @Test
    void rejectsAnUnknownStatusCode() {
        assertThatThrownBy(() -> read(sample().replace("<TxSts>ACCP</TxSts>", "<TxSts>DONE</TxSts>")))
                .isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("OrgnlPmtInfAndSts[3]/TxInfAndSts[1]/TxSts 'DONE' is not a known payment status code");
    }

    @Test
    void rejectsARejectionWithoutReason() {
        String bad = sample().replaceFirst("(?s)<StsRsnInf>.*?</StsRsnInf>", "");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("is missing for a rejected transaction");
    }

    @Test
    void rejectsATransactionReportedTwice() {
        String bad = sample().replace("<OrgnlEndToEndId>E2E-3</OrgnlEndToEndId>", "<OrgnlEndToEndId>E2E-1</OrgnlEndToEndId>");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedBankFile.class).hasMessageContaining("E2E-1 a second time");
    }

    @Test
    void rejectsAStatementPassedAsStatusReport() {
        assertThatThrownBy(() -> read(Camt053ReaderTests.sample())).isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("expected a pain.002.001.10 document");
    }
}
