package org.fangxin.bank.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * Writes an ISO 20022 {@code camt.053.001.08} end-of-day statement with one {@code Stmt} per account, read back by
 * {@link Camt053Reader}. Every entry is booked and carries one transaction with its end-to-end id (or NOTPROVIDED);
 * a return carries its reason in {@code RtrInf}, a fee the bank transaction code {@code ACMT/MDOP/CHRG}.
 */
public final class Camt053Writer {

    /** One account's statement for a day. */
    public record AccountStatement(String statementId, String accountNumber, LocalDate day, Money opening, Money closing,
                                   List<Entry> entries) {
        public AccountStatement {
            Objects.requireNonNull(statementId, "statementId");
            Objects.requireNonNull(accountNumber, "accountNumber");
            entries = List.copyOf(entries);
        }
    }

    /** One booked entry: signed (credit positive); returnCode set for a returned payment, fee for a bank charge. */
    public record Entry(Money signedAmount, LocalDate bookingDate, LocalDate valueDate, String endToEndId, String reference,
                        String text, String returnCode, boolean fee) {
    }

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public byte[] write(String messageId, Instant createdAt, ZoneId zone, List<AccountStatement> statements) {
        String created = INSTANT.format(createdAt.atOffset(ZoneOffset.UTC));
        var xml = new StringBuilder(256 + statements.size() * 1024);
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm></GrpHdr>
                """.formatted(Xml.escape(messageId), created));
        for (AccountStatement statement : statements) {
            statement(xml, statement, created, zone);
        }
        xml.append("  </BkToCstmrStmt>\n</Document>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void statement(StringBuilder xml, AccountStatement statement, String created, ZoneId zone) {
        String ccy = statement.opening().currency().getCurrencyCode();
        xml.append("""
                    <Stmt>
                      <Id>%s</Id>
                      <CreDtTm>%s</CreDtTm>
                      <FrToDt><FrDtTm>%s</FrDtTm><ToDtTm>%s</ToDtTm></FrToDt>
                      <Acct><Id><Othr><Id>%s</Id></Othr></Id><Ccy>%s</Ccy></Acct>
                """.formatted(Xml.escape(statement.statementId()), created,
                INSTANT.format(statement.day().atStartOfDay(zone).toOffsetDateTime()),
                INSTANT.format(statement.day().plusDays(1).atStartOfDay(zone).minusSeconds(1).toOffsetDateTime()),
                Xml.escape(statement.accountNumber()), ccy));
        balance(xml, "OPBD", statement.opening(), statement.day());
        balance(xml, "CLBD", statement.closing(), statement.day());
        int n = 0;
        for (Entry entry : statement.entries()) {
            entry(xml, ++n, entry);
        }
        xml.append("    </Stmt>\n");
    }

    private static void entry(StringBuilder xml, int n, Entry entry) {
        long minor = entry.signedAmount().amountMinor();
        String amount = MinorUnits.toDecimal(new Money(Math.abs(minor), entry.signedAmount().currency())).toPlainString();
        String family = entry.fee() ? "<Domn><Cd>ACMT</Cd><Fmly><Cd>MDOP</Cd><SubFmlyCd>CHRG</SubFmlyCd></Fmly></Domn>"
                : "<Domn><Cd>PMNT</Cd><Fmly><Cd>" + (minor < 0 ? "ICDT" : "RCDT") + "</Cd><SubFmlyCd>"
                + (entry.returnCode() != null ? "RRTN" : "DMCT") + "</SubFmlyCd></Fmly></Domn>";
        xml.append("      <Ntry><NtryRef>").append(n).append("</NtryRef>")
                .append("<Amt Ccy=\"").append(entry.signedAmount().currency().getCurrencyCode()).append("\">").append(amount).append("</Amt>")
                .append("<CdtDbtInd>").append(minor < 0 ? "DBIT" : "CRDT").append("</CdtDbtInd>")
                .append("<Sts><Cd>BOOK</Cd></Sts>")
                .append("<BookgDt><Dt>").append(entry.bookingDate()).append("</Dt></BookgDt>")
                .append("<ValDt><Dt>").append(entry.valueDate()).append("</Dt></ValDt>")
                .append("<AcctSvcrRef>").append(Xml.escape(entry.reference())).append("</AcctSvcrRef>")
                .append("<BkTxCd>").append(family).append("</BkTxCd>")
                .append("<NtryDtls><TxDtls><Refs><EndToEndId>")
                .append(entry.endToEndId() == null ? "NOTPROVIDED" : Xml.escape(entry.endToEndId()))
                .append("</EndToEndId></Refs>");
        if (entry.text() != null && !entry.text().isBlank()) {
            String text = entry.text().length() > 140 ? entry.text().substring(0, 140) : entry.text();
            xml.append("<RmtInf><Ustrd>").append(Xml.escape(text)).append("</Ustrd></RmtInf>");
        }
        if (entry.returnCode() != null) {
            xml.append("<RtrInf><Rsn><Cd>").append(Xml.escape(entry.returnCode())).append("</Cd></Rsn></RtrInf>");
        }
        xml.append("</TxDtls></NtryDtls></Ntry>\n");
    }

    private static void balance(StringBuilder xml, String code, Money amount, LocalDate day) {
        long minor = amount.amountMinor();
        xml.append("      <Bal><Tp><CdOrPrtry><Cd>").append(code).append("</Cd></CdOrPrtry></Tp><Amt Ccy=\"")
                .append(amount.currency().getCurrencyCode()).append("\">")
                .append(MinorUnits.toDecimal(new Money(Math.abs(minor), amount.currency())).toPlainString())
                .append("</Amt><CdtDbtInd>").append(minor < 0 ? "DBIT" : "CRDT").append("</CdtDbtInd><Dt><Dt>")
                .append(day).append("</Dt></Dt></Bal>\n");
    }
}
