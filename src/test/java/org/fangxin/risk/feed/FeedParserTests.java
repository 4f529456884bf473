package org.fangxin.risk.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.fangxin.risk.FeedType;
import org.fangxin.risk.domain.FeedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedParserTests {

    static final LocalDate TODAY = LocalDate.of(2026, 7, 10);
    static final String CODE = "91410200MA0000001X";
    static final String HEADER = "creditCode,type,period,value,status,reference,note\n";

    static String code() {
        String first17 = "91410200MA0000001";
        return first17 + org.fangxin.merchant.domain.CreditCode.checkCharacter(first17);
    }

    static List<FeedRecord> csv(String body) {
        return FeedParser.parse(FeedParser.Format.CSV, (HEADER + body).getBytes(StandardCharsets.UTF_8), TODAY);
    }

    static FeedMalformed refusal(Runnable parse) {
        try {
            parse.run();
        } catch (FeedMalformed e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void readsEveryKindOfRecord() {
        String c = code();
        var records = csv(c + ",TAX_PAID,2026-06,1250000,,,\n"
                + c + ",SOCIAL_INSURANCE_HEADCOUNT,2026-06,12,,,\n"
                + c + ",DISHONEST_DEBTOR,2026-07-01,,LISTED,(2026)豫0205执123号,\n"
                + c + ",COURT_JUDGMENT,2026-05-20,3000000,,(2026)豫0205民初45号,\"租金纠纷, 判决\"\n"
                + c + ",COMPLAINT_12315,2026-07-02,,UPHELD,12315-2026-000123,未退款\n");
        assertThat(records).hasSize(5);
        assertThat(records.get(0).periodStart()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(records.get(0).value()).isEqualTo(1_250_000L);
        assertThat(records.get(2).type()).isEqualTo(FeedType.DISHONEST_DEBTOR);
        assertThat(records.get(3).note()).isEqualTo("租金纠纷, 判决");
        assertThat(records.get(4).line()).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TAX_PAID,2026-06,12.5,,,|value",
            "TAX_PAID,2026-06,,,,|value",
            "TAX_PAID,2026-13,5,,,|period",
            "TAX_PAID,2026-08,5,,,|period",
            "TAX_PAID,2026-06,5,,ref,|reference",
            "DISHONEST_DEBTOR,2026-07-01,,MAYBE,ref,|status",
            "DISHONEST_DEBTOR,2026-07-01,,LISTED,,|reference",
            "COMPLAINT_12315,2026-07-11,,FILED,t1,|period",
            "WEATHER,2026-06,5,,,|type"})
    void refusesTheWholeFileNamingTheLineAndField(String rest, String field) {
        String c = code();
        var refused = refusal(() -> csv(c + ",TAX_PAID,2026-05,100,,,\n" + c + "," + rest + "\n"));
        assertThat(refused.properties()).containsEntry("line", 3).containsEntry("field", field);
        assertThat(refused.getMessage()).startsWith("line 3: " + field);
    }

    @Test
    void refusesAnInvalidCreditCode() {
        var refused = refusal(() -> csv(CODE.substring(0, 17) + "Z,TAX_PAID,2026-05,100,,,\n"));
        assertThat(refused.properties()).containsEntry("line", 2).containsEntry("field", "creditCode");
    }

    @Test
    void aRepeatedRecordIsKeptOnceButAContradictingOneRefusesTheFile() {
        String c = code();
        assertThat(csv(c + ",TAX_PAID,2026-05,100,,,\n" + c + ",TAX_PAID,2026-05,100,,,\n")).hasSize(1);
        var refused = refusal(() -> csv(c + ",TAX_PAID,2026-05,100,,,\n" + c + ",TAX_PAID,2026-05,101,,,\n"));
        assertThat(refused.getMessage()).contains("line 2");
    }

    @Test
    void refusesUnknownColumnsAndAMissingHeader() {
        var unknown = refusal(() -> FeedParser.parse(FeedParser.Format.CSV,
                "creditCode,type,period,value,amount\n".getBytes(StandardCharsets.UTF_8), TODAY));
        assertThat(unknown.properties()).containsEntry("field", "amount");
        var noPeriod = refusal(() -> FeedParser.parse(FeedParser.Format.CSV,
                ("creditCode,type,value\n" + code() + ",TAX_PAID,5\n").getBytes(StandardCharsets.UTF_8), TODAY));
        assertThat(noPeriod.properties()).containsEntry("field", "period");
    }

    @Test
    void refusesALineWithTooFewFields() {
        var refused = refusal(() -> csv(code() + ",TAX_PAID,2026-05,100,,,\n" + code() + ",TAX_PAID,2026-04\n"));
        assertThat(refused.properties()).containsEntry("line", 3).containsEntry("field", "record");
    }

    @Test
    void refusesEmptyAndNonUtf8Files() {
        assertThat(refusal(() -> FeedParser.parse(FeedParser.Format.CSV, new byte[0], TODAY)).getMessage()).contains("empty");
        byte[] gbk = (HEADER + code() + ",TAX_PAID,2026-05,1,,,测试\n").getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(refusal(() -> FeedParser.parse(FeedParser.Format.CSV, gbk, TODAY)).getMessage()).contains("UTF-8");
    }

    @Test
    void readsJsonStrictly() {
        String c = code();
        var records = FeedParser.parse(FeedParser.Format.JSON, ("{\"records\": [{\"creditCode\": \"" + c
                + "\", \"type\": \"UTILITY_CONSUMPTION\", \"period\": \"2026-06\", \"value\": 3400}]}").getBytes(StandardCharsets.UTF_8), TODAY);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(3_400L));
        var text = refusal(() -> FeedParser.parse(FeedParser.Format.JSON, ("{\"records\": [{\"creditCode\": \"" + c
                + "\", \"type\": \"TAX_PAID\", \"period\": \"2026-06\", \"value\": \"3400\"}]}").getBytes(StandardCharsets.UTF_8), TODAY));
        assertThat(text.properties()).containsEntry("line", 1).containsEntry("field", "value");
        var fraction = refusal(() -> FeedParser.parse(FeedParser.Format.JSON, ("{\"records\": [{\"creditCode\": \"" + c
                + "\", \"type\": \"TAX_PAID\", \"period\": \"2026-06\", \"value\": 1.5}]}").getBytes(StandardCharsets.UTF_8), TODAY));
        assertThat(fraction.properties()).containsEntry("field", "value");
        var broken = refusal(() -> FeedParser.parse(FeedParser.Format.JSON, "{\"records\": [".getBytes(StandardCharsets.UTF_8), TODAY));
        assertThat(broken.getMessage()).contains("not valid JSON");
    }
}
