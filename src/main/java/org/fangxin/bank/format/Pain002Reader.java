package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.MxPain00200110;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInstruction32;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction105;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation12;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads an ISO 20022 {@code pain.002.001.10} customer payment status report, the answer to a pain.001.001.09.
 * All-or-nothing: an unknown status, a transaction without end-to-end id or one reported twice throws
 * {@link MalformedBankFile}.
 */
public final class Pain002Reader {

    public static final String MESSAGE_NAME = "pain.002.001.10";

    public PaymentStatusReport read(byte[] xml) {
        MxPain00200110 message = IsoXml.read(xml, MESSAGE_NAME, MxPain00200110.class, MxPain00200110._classes);
        var report = message.getCstmrPmtStsRpt();
        if (report == null || report.getGrpHdr() == null || blank(report.getGrpHdr().getMsgId())) {
            throw malformed("CstmrPmtStsRpt/GrpHdr/MsgId", "is missing");
        }
        var original = report.getOrgnlGrpInfAndSts();
        if (original == null || blank(original.getOrgnlMsgId())) {
            throw malformed("CstmrPmtStsRpt/OrgnlGrpInfAndSts/OrgnlMsgId", "is missing");
        }
        TransferStatus groupStatus = original.getGrpSts() == null ? null
                : status(original.getGrpSts(), "OrgnlGrpInfAndSts/GrpSts");
        var transactions = new ArrayList<PaymentStatusReport.TransactionStatus>();
        var seen = new HashSet<String>();
        for (int p = 0; p < report.getOrgnlPmtInfAndSts().size(); p++) {
            OriginalPaymentInstruction32 block = report.getOrgnlPmtInfAndSts().get(p);
            for (int t = 0; t < block.getTxInfAndSts().size(); t++) {
                String path = "OrgnlPmtInfAndSts[" + (p + 1) + "]/TxInfAndSts[" + (t + 1) + "]";
                var transaction = transaction(block.getTxInfAndSts().get(t), path);
                if (!seen.add(transaction.endToEndId())) {
                    throw malformed(path, "reports end-to-end id " + transaction.endToEndId() + " a second time");
                }
                transactions.add(transaction);
            }
        }
        if (groupStatus == null && transactions.isEmpty()) {
            throw malformed("CstmrPmtStsRpt", "has neither a group status nor transaction statuses");
        }
        return new PaymentStatusReport(report.getGrpHdr().getMsgId(), original.getOrgnlMsgId(), groupStatus, transactions);
    }

    private static PaymentStatusReport.TransactionStatus transaction(PaymentTransaction105 transaction, String path) {
        if (blank(transaction.getOrgnlEndToEndId())) {
            throw malformed(path + "/OrgnlEndToEndId", "is missing");
        }
        if (blank(transaction.getTxSts())) {
            throw malformed(path + "/TxSts", "is missing");
        }
        TransferStatus status = status(transaction.getTxSts(), path + "/TxSts");
        String reasonCode = null;
        var text = new ArrayList<String>();
        for (StatusReasonInformation12 reason : transaction.getStsRsnInf()) {
            if (reasonCode == null && reason.getRsn() != null) {
                reasonCode = reason.getRsn().getCd() != null ? reason.getRsn().getCd() : reason.getRsn().getPrtry();
            }
            text.addAll(reason.getAddtlInf());
        }
        if (status == TransferStatus.RJCT && reasonCode == null) {
            throw malformed(path + "/StsRsnInf/Rsn", "is missing for a rejected transaction");
        }
        return new PaymentStatusReport.TransactionStatus(transaction.getOrgnlEndToEndId(), status, reasonCode, String.join(" ", text));
    }

    private static TransferStatus status(String code, String path) {
        try {
            return TransferStatus.valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            throw malformed(path, "'" + code + "' is not a known payment status code");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static MalformedBankFile malformed(String path, String problem) {
        return new MalformedBankFile(MESSAGE_NAME, 0, path + " " + problem);
    }
}
