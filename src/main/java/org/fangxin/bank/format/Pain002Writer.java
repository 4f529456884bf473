package org.fangxin.bank.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;

/**
 * Writes an ISO 20022 {@code pain.002.001.10} status report (the bank's answer to a pain.001), read back by
 * {@link Pain002Reader}. The sandbox bank's side: written as text from the report, escaped.
 */
public final class Pain002Writer {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public byte[] write(PaymentStatusReport report, Instant createdAt) {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
                  <CstmrPmtStsRpt>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm></GrpHdr>
                    <OrgnlGrpInfAndSts>
                      <OrgnlMsgId>%s</OrgnlMsgId>
                      <OrgnlMsgNmId>%s</OrgnlMsgNmId>
                """.formatted(Xml.escape(report.messageId()), INSTANT.format(createdAt.atOffset(ZoneOffset.UTC)),
                Xml.escape(report.originalMessageId()), Pain001Writer.MESSAGE_NAME));
        if (report.groupStatus() != null) {
            xml.append("      <GrpSts>").append(report.groupStatus().name()).append("</GrpSts>\n");
        }
        xml.append("    </OrgnlGrpInfAndSts>\n");
        if (!report.transactions().isEmpty()) {
            xml.append("    <OrgnlPmtInfAndSts>\n      <OrgnlPmtInfId>")
                    .append(Xml.escape(Pain001Writer.paymentInformationId(report.originalMessageId(), 1)))
                    .append("</OrgnlPmtInfId>\n");
            for (var tx : report.transactions()) {
                xml.append("      <TxInfAndSts><OrgnlEndToEndId>").append(Xml.escape(tx.endToEndId()))
                        .append("</OrgnlEndToEndId><TxSts>").append(tx.status().name()).append("</TxSts>");
                if (tx.reasonCode() != null) {
                    xml.append("<StsRsnInf><Rsn><Cd>").append(Xml.escape(tx.reasonCode())).append("</Cd></Rsn>");
                    if (!tx.reasonText().isBlank()) {
                        String text = tx.reasonText().length() > 105 ? tx.reasonText().substring(0, 105) : tx.reasonText();
                        xml.append("<AddtlInf>").append(Xml.escape(text)).append("</AddtlInf>");
                    }
                    xml.append("</StsRsnInf>");
                }
                xml.append("</TxInfAndSts>\n");
            }
            xml.append("    </OrgnlPmtInfAndSts>\n");
        }
        xml.append("  </CstmrPmtStsRpt>\n</Document>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
