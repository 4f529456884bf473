package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import org.fangxin.shared.Money;

/**
 * Reads an ISO 20022 {@code pain.001.001.09} back into a {@link PaymentBatch}: what a bank does with the file the
 * platform sends. All-or-nothing; the number of transactions and control sum must agree with the transactions.
 */
public final class Pain001Reader {

    public PaymentBatch read(byte[] xml) {
        MxPain00100109 message = IsoXml.read(xml, Pain001Writer.MESSAGE_NAME, MxPain00100109.class, MxPain00100109._classes);
        var initiation = message.getCstmrCdtTrfInitn();
        if (initiation == null || initiation.getGrpHdr() == null || blank(initiation.getGrpHdr().getMsgId())) {
            throw malformed("CstmrCdtTrfInitn/GrpHdr/MsgId is missing");
        }
        var header = initiation.getGrpHdr();
        var instructions = new ArrayList<CreditTransferInstruction>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int p = 0; p < initiation.getPmtInf().size(); p++) {
            PaymentInstruction30 block = initiation.getPmtInf().get(p);
            String blockPath = "PmtInf[" + (p + 1) + "]";
            String debtor = account(block.getDbtrAcct(), blockPath + "/DbtrAcct");
            LocalDate execution = block.getReqdExctnDt() == null ? null : block.getReqdExctnDt().getDt();
            if (execution == null) {
                throw malformed(blockPath + "/ReqdExctnDt/Dt is missing");
            }
            for (int t = 0; t < block.getCdtTrfTxInf().size(); t++) {
                CreditTransferTransaction34 tx = block.getCdtTrfTxInf().get(t);
                instructions.add(transaction(tx, blockPath + "/CdtTrfTxInf[" + (t + 1) + "]", debtor, execution));
                sum = sum.add(tx.getAmt().getInstdAmt().getValue());
            }
        }
        if (!String.valueOf(instructions.size()).equals(header.getNbOfTxs())) {
            throw malformed("GrpHdr/NbOfTxs says " + header.getNbOfTxs() + " but the file holds " + instructions.size());
        }
        if (header.getCtrlSum() != null && header.getCtrlSum().compareTo(sum) != 0) {
            throw malformed("GrpHdr/CtrlSum says " + header.getCtrlSum() + " but the transactions add up to " + sum);
        }
        Instant created = header.getCreDtTm() == null ? Instant.EPOCH : header.getCreDtTm().toInstant();
        String party = header.getInitgPty() == null || blank(header.getInitgPty().getNm()) ? "unknown" : header.getInitgPty().getNm();
        try {
            return new PaymentBatch(header.getMsgId(), created, party, instructions);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    /** One credit transfer of a block, checked field by field ({@code path} names it in the refusal). */
    private static CreditTransferInstruction transaction(CreditTransferTransaction34 tx, String path, String debtor,
                                                         LocalDate execution) {
        if (tx.getPmtId() == null || blank(tx.getPmtId().getEndToEndId())) {
            throw malformed(path + "/PmtId/EndToEndId is missing");
        }
        if (tx.getAmt() == null || tx.getAmt().getInstdAmt() == null || tx.getAmt().getInstdAmt().getValue() == null) {
            throw malformed(path + "/Amt/InstdAmt is missing");
        }
        Money amount;
        try {
            Currency currency = Currency.getInstance(tx.getAmt().getInstdAmt().getCcy());
            amount = new Money(MinorUnits.of(tx.getAmt().getInstdAmt().getValue(), currency), currency);
        } catch (RuntimeException e) {
            throw malformed(path + "/Amt/InstdAmt " + e.getMessage());
        }
        String bankName = tx.getCdtrAgt() == null || tx.getCdtrAgt().getFinInstnId() == null ? null
                : tx.getCdtrAgt().getFinInstnId().getNm();
        String remittance = tx.getRmtInf() == null || tx.getRmtInf().getUstrd().isEmpty() ? null
                : String.join(" ", tx.getRmtInf().getUstrd());
        try {
            return new CreditTransferInstruction(tx.getPmtId().getEndToEndId(), debtor,
                    tx.getCdtr() == null ? null : tx.getCdtr().getNm(), account(tx.getCdtrAcct(), path + "/CdtrAcct"),
                    bankName, amount, execution, remittance);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw malformed(path + " " + e.getMessage());
        }
    }

    private static String account(CashAccount38 account, String path) {
        if (account == null || account.getId() == null) {
            throw malformed(path + "/Id is missing");
        }
        if (account.getId().getIBAN() != null) {
            return account.getId().getIBAN();
        }
        if (account.getId().getOthr() == null || blank(account.getId().getOthr().getId())) {
            throw malformed(path + "/Id has neither IBAN nor Othr/Id");
        }
        return account.getId().getOthr().getId();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static MalformedBankFile malformed(String problem) {
        return new MalformedBankFile(Pain001Writer.MESSAGE_NAME, 0, problem);
    }
}
