package org.fangxin.bank.reconciliation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.shared.Money;

/** Writes a minimal camt.053.001.08 statement of one account for tests: balances and booked entries. */
final class Camt053Builder {

    private record Entry(long signedMinor, LocalDate date, String endToEndId, String bankReference, String text) {
    }

    private final String statementId;
    private final String accountNumber;
    private final LocalDate day;
    private final List<Entry> entries = new ArrayList<>();
    private long openingMinor;
    private long closingMinor;

    Camt053Builder(String statementId, String accountNumber, LocalDate day) {
        this.statementId = statementId;
        this.accountNumber = accountNumber;
        this.day = day;
    }

    Camt053Builder balances(Money opening, Money closing) {
        openingMinor = opening.amountMinor();
        closingMinor = closing.amountMinor();
        return this;
    }

    /** A booked entry; a null end-to-end id is written as NOTPROVIDED (as banks do for fees). */
    Camt053Builder entry(Money signed, String endToEndId, String bankReference, String text) {
        entries.add(new Entry(signed.amountMinor(), day, endToEndId, bankReference, text));
        return this;
    }

    String xml() {
        var xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>%sT23:30:00+08:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%s</Id>
                      <CreDtTm>%sT23:30:00+08:00</CreDtTm>
                      <FrToDt><FrDtTm>%sT00:00:00+08:00</FrDtTm><ToDtTm>%sT23:59:59+08:00</ToDtTm></FrToDt>
                      <Acct><Id><Othr><Id>%s</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                """.formatted("MSG-" + statementId, day, statementId, day, day, day, accountNumber));
        xml.append(balance("OPBD", openingMinor)).append(balance("CLBD", closingMinor));
        int n = 0;
        for (Entry entry : entries) {
            n++;
            xml.append("""
                          <Ntry>
                            <NtryRef>%d</NtryRef>
                            <Amt Ccy="CNY">%s</Amt>
                            <CdtDbtInd>%s</CdtDbtInd>
                            <Sts><Cd>BOOK</Cd></Sts>
                            <BookgDt><Dt>%s</Dt></BookgDt>
                            <ValDt><Dt>%s</Dt></ValDt>
                            <AcctSvcrRef>%s</AcctSvcrRef>
                            <NtryDtls><TxDtls>
                              <Refs><EndToEndId>%s</EndToEndId></Refs>
                              <RmtInf><Ustrd>%s</Ustrd></RmtInf>
                            </TxDtls></NtryDtls>
                          </Ntry>
                    """.formatted(n, yuan(Math.abs(entry.signedMinor())), entry.signedMinor() < 0 ? "DBIT" : "CRDT",
                    entry.date(), entry.date(), entry.bankReference(),
                    entry.endToEndId() == null ? "NOTPROVIDED" : entry.endToEndId(), entry.text()));
        }
        return xml.append("""
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """).toString();
    }

    private String balance(String code, long minor) {
        return """
                      <Bal><Tp><CdOrPrtry><Cd>%s</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Dt><Dt>%s</Dt></Dt></Bal>
                """.formatted(code, yuan(Math.abs(minor)), minor < 0 ? "DBIT" : "CRDT", day);
    }

    private static String yuan(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
