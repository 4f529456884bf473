package org.fangxin.bank.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class CsvStatementReaderTests {

    static final Charset GBK = Charset.forName("GBK");
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    /** A typical domestic export: title and column-name rows, separate debit and credit columns, a totals row. */
    static final CsvMapping CHINESE_EXPORT = CsvMapping.builder()
            .encoding(GBK).headerRows(2).trailerRows(1).dateFormat("yyyyMMdd")
            .bookingDate(1).valueDate(2).account(3).debitAndCredit(4, 5).reference(6).endToEndId(7).description(8)
            .build();

    static final String CHINESE_FILE = """
            中国工商银行 账户明细 2026-03-02,,,,,,,
            交易日期,起息日,账号,借方发生额,贷方发生额,流水号,业务编号,摘要
            20260302,20260302,11050101,"1,600.00",,BK001,E2E-PAYOUT-0001,结算 北京健身有限公司
            20260302,20260303,11050101,,300.00,BK002,PUR-7781,预付卡购买
            20260302,20260302,11050101,2.50,,BK003,,手续费
            20260302,,11050102,,"50,000",BK004,DEP-M-0042,"风险保证金, 缴纳"
            合计,,,"1,602.50","50,300.00",,,
            """;

    static List<StatementLine> read(CsvMapping mapping, String content, Charset charset) {
        return new CsvStatementReader(mapping).read(new ByteArrayInputStream(content.getBytes(charset)), "S1");
    }

    @Test
    void readsAGbkExportWithDebitAndCreditColumns() {
        assertThat(read(CHINESE_EXPORT, CHINESE_FILE, GBK)).containsExactly(
                new StatementLine("S1:3", "11050101", DAY, DAY, Money.fen(-1_600_00), "E2E-PAYOUT-0001", "BK001", "结算 北京健身有限公司"),
                new StatementLine("S1:4", "11050101", DAY, DAY.plusDays(1), Money.fen(300_00), "PUR-7781", "BK002", "预付卡购买"),
                new StatementLine("S1:5", "11050101", DAY, DAY, Money.fen(-2_50), null, "BK003", "手续费"),
                new StatementLine("S1:6", "11050102", DAY, DAY, Money.yuan(50_000), "DEP-M-0042", "BK004", "风险保证金, 缴纳"));
    }

    @Test
    void readsASignedAmountColumnWithAFixedAccountAndCommaDecimals() {
        var mapping = CsvMapping.builder().delimiter(';').decimalSeparator(',').dateFormat("dd.MM.yyyy")
                .bookingDate(1).amount(2).reference(3).description(4).fixedAccount("11050101").build();
        String file = "\uFEFFDatum;Betrag;Referenz;Text\n02.03.2026;-1.234,50;R1;Auszahlung\n\n03.03.2026;12;R2;Eingang\n";

        assertThat(read(mapping, file, StandardCharsets.UTF_8)).containsExactly(
                new StatementLine("S1:2", "11050101", DAY, DAY, Money.fen(-1_234_50), null, "R1", "Auszahlung"),
                new StatementLine("S1:4", "11050101", DAY.plusDays(1), DAY.plusDays(1), Money.fen(12_00), null, "R2", "Eingang"));
    }

    @Test
    void readsADirectionColumn() {
        var mapping = CsvMapping.builder().bookingDate(1).amount(2).direction(3, "借").account(4).build();
        String file = "日期,金额,借贷,账号\n2026-03-02,100.00,借,A\n2026-03-02,-0.00,贷,A\n2026-03-02,5,贷,A\n";
        assertThat(read(mapping, file, StandardCharsets.UTF_8)).extracting(StatementLine::signedAmount)
                .containsExactly(Money.fen(-100_00), Money.fen(0), Money.fen(5_00));
    }

    @Test
    void rejectsAnAmountWithThreeDecimalsNamingTheLineAndColumn() {
        String file = CHINESE_FILE.replace(",2.50,", ",2.505,");
        assertThatThrownBy(() -> read(CHINESE_EXPORT, file, GBK))
                .isInstanceOfSatisfying(MalformedBankFile.class, e -> assertThat(e.lineNumber()).isEqualTo(5))
                .hasMessage("CSV line 5: column 4 (debit): amount '2.505' has more than 2 decimals");
    }

    @Test
    void rejectsAnInvalidDate() {
        String file = CHINESE_FILE.replace("20260302,20260303", "20260230,20260303");
        assertThatThrownBy(() -> read(CHINESE_EXPORT, file, GBK))
                .hasMessage("CSV line 4: column 1 (booking date): '20260230' is not a date in format yyyyMMdd");
    }

    @Test
    void rejectsALineWithTooFewColumns() {
        String file = CHINESE_FILE.replace("20260302,20260302,11050101,2.50,,BK003,,手续费", "20260302,20260302,11050101,2.50");
        assertThatThrownBy(() -> read(CHINESE_EXPORT, file, GBK)).hasMessage("CSV line 5: expected at least 8 columns, found 4");
    }

    @Test
    void rejectsALineWithBothOrNeitherDebitAndCredit() {
        assertThatThrownBy(() -> read(CHINESE_EXPORT, CHINESE_FILE.replace(",2.50,,", ",2.50,1.00,"), GBK))
                .hasMessageContaining("line 5: both debit (column 4) and credit (column 5) are filled");
        assertThatThrownBy(() -> read(CHINESE_EXPORT, CHINESE_FILE.replace(",2.50,,", ",,,"), GBK))
                .hasMessageContaining("line 5: neither debit");
    }

    @Test
    void readsAQuotedFieldSpanningLinesNumberingLinesByWhereTheirRecordStarts() {
        var mapping = CsvMapping.builder().bookingDate(1).amount(2).reference(3).description(4).fixedAccount("A").build();
        String file = "date,amount,ref,text\n2026-03-02,1.00,R1,\"two\nlines, one field\"\n2026-03-02,2.00,R2,next\n";
        assertThat(read(mapping, file, StandardCharsets.UTF_8)).containsExactly(
                new StatementLine("S1:2", "A", DAY, DAY, Money.fen(1_00), null, "R1", "two\nlines, one field"),
                new StatementLine("S1:4", "A", DAY, DAY, Money.fen(2_00), null, "R2", "next"));
    }

    @Test
    void rejectsAQuoteNeverClosedBeforeTheEndOfTheFile() {
        var mapping = CsvMapping.builder().bookingDate(1).amount(2).reference(3).description(4).fixedAccount("A").build();
        String file = "date,amount,ref,text\n2026-03-02,1.00,R1,ok\n2026-03-02,2.00,R2,\"open\n2026-03-02,3.00,R3,x\n";
        assertThatThrownBy(() -> read(mapping, file, StandardCharsets.UTF_8))
                .hasMessageContaining("line 3: a quoted field is not closed");
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertThatThrownBy(() -> read(CHINESE_EXPORT, CHINESE_FILE.replace("\"1,600.00\"", "\"1,600.00"), GBK))
                .hasMessageContaining("line 3: a quoted field is not closed");
    }

    @Test
    void rejectsAFileInTheWrongEncoding() {
        // A UTF-8 file read as GBK: the bytes of 交易 are not valid GBK somewhere in the data.
        byte[] utf8 = CHINESE_FILE.replace("手续费", "手续费\uD83D\uDCB0").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CsvStatementReader(CHINESE_EXPORT).read(new ByteArrayInputStream(utf8), "S1"))
                .isInstanceOf(MalformedBankFile.class)
                .hasMessageContaining("not valid GBK text");
    }

    @Test
    void rejectsAFileWithoutDataLines() {
        assertThatThrownBy(() -> read(CHINESE_EXPORT, "标题\n列名\n合计\n", GBK)).hasMessageContaining("no data lines");
    }

    @Test
    void returnsNothingWhenTheLastLineIsBad() {
        // All-or-nothing: nine good lines are not returned when the tenth is bad.
        var mapping = CsvMapping.builder().bookingDate(1).amount(2).fixedAccount("A").build();
        var file = new StringBuilder("date,amount\n");
        for (int i = 0; i < 9; i++) {
            file.append("2026-03-02,1.00\n");
        }
        file.append("2026-03-02,1.0.0\n");
        var reader = new CsvStatementReader(mapping);
        List<StatementLine>[] result = new List[1];
        assertThatThrownBy(() -> result[0] = reader.read(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)), "S"))
                .hasMessageContaining("line 11");
        assertThat(result[0]).isNull();
    }

    @Test
    void rejectsMappingsThatCannotWork() {
        assertThatThrownBy(() -> CsvMapping.builder().bookingDate(1).fixedAccount("A").build())
                .hasMessageContaining("either an amount column or both a debit and a credit column");
        assertThatThrownBy(() -> CsvMapping.builder().bookingDate(1).amount(2).debitAndCredit(3, 4).fixedAccount("A").build())
                .hasMessageContaining("either an amount column");
        assertThatThrownBy(() -> CsvMapping.builder().bookingDate(1).amount(2).build())
                .hasMessageContaining("either an account column or a fixed account number");
        assertThatThrownBy(() -> CsvMapping.builder().bookingDate(1).amount(2).fixedAccount("A").dateFormat("yyyy-MM-dd-q-{").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvMapping.builder().bookingDate(0).amount(2).fixedAccount("A").build())
                .hasMessageContaining("bookingDateColumn");
    }
}
