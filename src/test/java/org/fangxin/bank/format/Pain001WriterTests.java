package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class Pain001WriterTests {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static CreditTransferInstruction payout(String endToEndId, String debtorAccount, long fen, LocalDate date) {
        return new CreditTransferInstruction(endToEndId, debtorAccount, "北京健身有限公司", "6222020200112233",
                "中国工商银行北京分行", Money.fen(fen), date, "结算 " + endToEndId);
    }

    static PaymentBatch batch() {
        return new PaymentBatch("FX-20260302-0001", Instant.parse("2026-03-01T16:00:00Z"), "Fangxin Platform",
                List.of(payout("E2E-1", "11050101", 160_000_00L, DAY),
                        payout("E2E-2", "11050101", 1L, DAY),
                        payout("E2E-3", "11050102", 12_345L, DAY),
                        payout("E2E-4", "11050101", 99_99L, DAY.plusDays(1))));
    }

    @Test
    void writesControlSumAndNumberOfTransactionsWithoutRounding() {
        var file = new Pain001Writer().write(batch());

        assertThat(file.numberOfTransactions()).isEqualTo(4);
        assertThat(file.controlSum()).isEqualTo(Money.fen(160_000_00L + 1 + 12_345 + 99_99));
        assertThat(file.contentAsText())
                .startsWith("<?xml")
                .contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"")
                .contains("<NbOfTxs>4</NbOfTxs>").contains("<CtrlSum>160223.45</CtrlSum>")
                .contains("<InstdAmt Ccy=\"CNY\">0.01</InstdAmt>").contains("<InstdAmt Ccy=\"CNY\">160000.00</InstdAmt>")
                .contains("<Nm>北京健身有限公司</Nm>");
    }

    @Test
    void generatedFileParsesBackIntoTheProwideModelWithEveryValue() {
        var batch = batch();
        var file = new Pain001Writer().write(batch);

        // Strict binding: any element or value outside the pain.001.001.09 model stops the read.
        MxPain00100109 strict = IsoXml.read(file.content(), Pain001Writer.MESSAGE_NAME, MxPain00100109.class, MxPain00100109._classes);
        MxPain00100109 lenient = MxPain00100109.parse(file.contentAsText());
        assertThat(lenient).isNotNull();
        assertThat(lenient.getCstmrCdtTrfInitn().getGrpHdr().getMsgId())
                .isEqualTo(strict.getCstmrCdtTrfInitn().getGrpHdr().getMsgId());

        var initiation = strict.getCstmrCdtTrfInitn();
        var header = initiation.getGrpHdr();
        assertThat(header.getMsgId()).isEqualTo("FX-20260302-0001");
        assertThat(header.getCreDtTm().toInstant()).isEqualTo(batch.createdAt());
        assertThat(header.getNbOfTxs()).isEqualTo("4");
        assertThat(header.getCtrlSum()).isEqualByComparingTo("160223.45");
        assertThat(header.getInitgPty().getNm()).isEqualTo("Fangxin Platform");

        // Blocks per debtor account and execution date, each with its own count and sum that add up to the header.
        List<PaymentInstruction30> blocks = initiation.getPmtInf();
        assertThat(blocks).extracting(PaymentInstruction30::getNbOfTxs).containsExactly("2", "1", "1");
        assertThat(blocks).extracting(b -> b.getDbtrAcct().getId().getOthr().getId()).containsExactly("11050101", "11050102", "11050101");
        assertThat(blocks).extracting(b -> b.getReqdExctnDt().getDt()).containsExactly(DAY, DAY, DAY.plusDays(1));
        assertThat(blocks.stream().map(PaymentInstruction30::getCtrlSum).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(header.getCtrlSum());
        assertThat(blocks.stream().mapToInt(b -> b.getCdtTrfTxInf().size()).sum()).isEqualTo(4);
        for (PaymentInstruction30 block : blocks) {
            assertThat(block.getCdtTrfTxInf().stream().map(t -> t.getAmt().getInstdAmt().getValue()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(block.getCtrlSum());
        }

        CreditTransferTransaction34 first = blocks.get(0).getCdtTrfTxInf().get(0);
        assertThat(first.getPmtId().getEndToEndId()).isEqualTo("E2E-1");
        assertThat(first.getAmt().getInstdAmt().getValue()).isEqualByComparingTo("160000.00");
        assertThat(first.getAmt().getInstdAmt().getCcy()).isEqualTo("CNY");
        assertThat(first.getCdtr().getNm()).isEqualTo("北京健身有限公司");
        assertThat(first.getCdtrAcct().getId().getOthr().getId()).isEqualTo("6222020200112233");
        assertThat(first.getCdtrAgt().getFinInstnId().getNm()).isEqualTo("中国工商银行北京分行");
        assertThat(first.getRmtInf().getUstrd()).containsExactly("结算 E2E-1");
        assertThat(blocks.get(0).getCdtTrfTxInf().get(1).getAmt().getInstdAmt().getValue()).isEqualByComparingTo("0.01");
    }

    @Test
    void checksumIsTheSha256OfTheExactBytesAndStableForTheSameBatch() {
        var writer = new Pain001Writer();
        var first = writer.write(batch());
        var again = writer.write(batch());

        assertThat(first.sha256Hex()).hasSize(64).isEqualTo(Pain001Writer.sha256Hex(first.content()));
        assertThat(again.sha256Hex()).isEqualTo(first.sha256Hex());
        assertThat(again.content()).isEqualTo(first.content());

        var changed = new PaymentBatch("FX-20260302-0001", batch().createdAt(), "Fangxin Platform",
                List.of(payout("E2E-1", "11050101", 160_000_01L, DAY)));
        assertThat(writer.write(changed).sha256Hex()).isNotEqualTo(first.sha256Hex());
    }

    @Test
    void knownBytesHaveTheKnownDigest() {
        assertThat(Pain001Writer.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsABatchThatUsesAnEndToEndIdTwice() {
        assertThatThrownBy(() -> new PaymentBatch("M1", Instant.EPOCH, "Fangxin",
                List.of(payout("E2E-1", "1", 100, DAY), payout("E2E-1", "1", 200, DAY))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E2E-1");
    }

    @Test
    void rejectsInstructionsThatTheMessageCannotCarry() {
        assertThatThrownBy(() -> payout("E2E-1", "1", 0, DAY)).hasMessageContaining("positive");
        assertThatThrownBy(() -> payout("x".repeat(36), "1", 1, DAY)).hasMessageContaining("endToEndId longer than 35");
        assertThatThrownBy(() -> new PaymentBatch("M1", Instant.EPOCH, "Fangxin", List.of()))
                .hasMessageContaining("1..");
    }

    @Test
    void creationTimeIsWrittenWithAnExplicitOffset() {
        var file = new Pain001Writer().write(batch());
        assertThat(file.contentAsText()).contains("<CreDtTm>2026-03-01T16:00:00");
        var parsed = IsoXml.read(file.content(), Pain001Writer.MESSAGE_NAME, MxPain00100109.class, MxPain00100109._classes);
        assertThat(parsed.getCstmrCdtTrfInitn().getGrpHdr().getCreDtTm().getOffset()).isEqualTo(ZoneOffset.UTC);
    }
}
