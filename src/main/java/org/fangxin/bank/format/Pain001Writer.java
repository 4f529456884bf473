package org.fangxin.bank.format;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MinimumEscapeHandler;
import com.prowidesoftware.swift.model.mx.MxWriteConfiguration;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GenericFinancialIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.Money;

/**
 * Writes a {@link PaymentBatch} as an ISO 20022 {@code pain.001.001.09} customer credit transfer initiation. One
 * payment information block per debtor account and execution date; number of transactions and control sum are set
 * on the group and on every block. Amounts go from fen to decimal only here.
 */
public final class Pain001Writer {

    public static final String MESSAGE_NAME = "pain.001.001.09";

    /** Stands for the debtor's bank where only the account is known, as the message requires an agent. */
    static final String AGENT_NOT_PROVIDED = "NOTPROVIDED";

    public InstructionFile write(PaymentBatch batch) {
        var initiation = new CustomerCreditTransferInitiationV09();
        Money total = Money.zero(batch.instructions().get(0).amount().currency());
        for (var instruction : batch.instructions()) {
            total = total.plus(instruction.amount());
        }
        initiation.setGrpHdr(new GroupHeader85()
                .setMsgId(batch.messageId())
                .setCreDtTm(batch.createdAt().atOffset(ZoneOffset.UTC))
                .setNbOfTxs(String.valueOf(batch.instructions().size()))
                .setCtrlSum(MinorUnits.toDecimal(total))
                .setInitgPty(new PartyIdentification135().setNm(batch.initiatingParty())));
        int blockNumber = 0;
        for (var block : blocks(batch.instructions()).entrySet()) {
            initiation.getPmtInf().add(paymentInformation(batch, ++blockNumber, block.getKey(), block.getValue()));
        }
        var message = new MxPain00100109().setCstmrCdtTrfInitn(initiation);
        byte[] content = serialize(message).getBytes(StandardCharsets.UTF_8);
        return new InstructionFile(batch.messageId(), MESSAGE_NAME, content, sha256Hex(content), batch.instructions().size(), total);
    }

    /** SHA-256 of the exact bytes, lower-case hex. */
    public static String sha256Hex(byte[] content) {
        return org.fangxin.shared.Sha256.hex(content);
    }

    private record BlockKey(String debtorAccount, LocalDate executionDate) {
    }

    private static Map<BlockKey, List<CreditTransferInstruction>> blocks(List<CreditTransferInstruction> instructions) {
        var blocks = new LinkedHashMap<BlockKey, List<CreditTransferInstruction>>();
        for (var instruction : instructions) {
            blocks.computeIfAbsent(new BlockKey(instruction.debtorAccount(), instruction.requestedExecutionDate()),
                    key -> new java.util.ArrayList<>()).add(instruction);
        }
        return blocks;
    }

    private static PaymentInstruction30 paymentInformation(PaymentBatch batch, int blockNumber, BlockKey key,
                                                           List<CreditTransferInstruction> instructions) {
        Money sum = Money.zero(instructions.get(0).amount().currency());
        for (var instruction : instructions) {
            sum = sum.plus(instruction.amount());
        }
        var block = new PaymentInstruction30()
                .setPmtInfId(paymentInformationId(batch.messageId(), blockNumber))
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(false) // one statement line per transaction, so each can be matched by its end-to-end id
                .setNbOfTxs(String.valueOf(instructions.size()))
                .setCtrlSum(MinorUnits.toDecimal(sum))
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(key.executionDate()))
                .setDbtr(new PartyIdentification135().setNm(batch.initiatingParty()))
                .setDbtrAcct(account(key.debtorAccount(), sum.currency().getCurrencyCode()))
                .setDbtrAgt(new BranchAndFinancialInstitutionIdentification6().setFinInstnId(new FinancialInstitutionIdentification18()
                        .setOthr(new GenericFinancialIdentification1().setId(AGENT_NOT_PROVIDED))));
        for (var instruction : instructions) {
            block.getCdtTrfTxInf().add(transaction(instruction));
        }
        return block;
    }

    private static CreditTransferTransaction34 transaction(CreditTransferInstruction instruction) {
        var transaction = new CreditTransferTransaction34()
                .setPmtId(new PaymentIdentification6().setInstrId(instruction.endToEndId()).setEndToEndId(instruction.endToEndId()))
                .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                        .setValue(MinorUnits.toDecimal(instruction.amount()))
                        .setCcy(instruction.amount().currency().getCurrencyCode())))
                .setCdtr(new PartyIdentification135().setNm(instruction.creditorName()))
                .setCdtrAcct(account(instruction.creditorAccount(), null));
        if (instruction.creditorBankName() != null && !instruction.creditorBankName().isBlank()) {
            transaction.setCdtrAgt(new BranchAndFinancialInstitutionIdentification6()
                    .setFinInstnId(new FinancialInstitutionIdentification18().setNm(instruction.creditorBankName())));
        }
        if (instruction.remittanceInfo() != null && !instruction.remittanceInfo().isBlank()) {
            transaction.setRmtInf(new RemittanceInformation16().addUstrd(instruction.remittanceInfo()));
        }
        return transaction;
    }

    /** Domestic Chinese account numbers are not IBANs, so they go in the generic identification. */
    private static CashAccount38 account(String number, String currency) {
        var account = new CashAccount38().setId(new AccountIdentification4Choice()
                .setOthr(new GenericAccountIdentification1().setId(number)));
        return currency == null ? account : account.setCcy(currency);
    }

    static String paymentInformationId(String messageId, int blockNumber) {
        String suffix = "-" + blockNumber;
        String base = messageId.length() + suffix.length() > 35 ? messageId.substring(0, 35 - suffix.length()) : messageId;
        return base + suffix;
    }

    private static String serialize(MxPain00100109 message) {
        var configuration = new MxWriteConfiguration();
        configuration.documentPrefix = null; // default namespace, as banks' samples are written
        configuration.includeXMLDeclaration = true;
        configuration.escapeHandler = new MinimumEscapeHandler(); // keep Chinese names readable UTF-8, not &#...; references
        return message.message(configuration);
    }
}
