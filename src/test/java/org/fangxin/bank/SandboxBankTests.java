package org.fangxin.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.fangxin.bank.sandbox.SandboxBank;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SandboxBankTests extends IntegrationTest {

    @Autowired
    BankPort bankPort;

    @Autowired
    SandboxBank sandbox;

    private static PayoutInstruction instruction(String account, long fen) {
        String id = "T" + UUID.randomUUID().toString().replace("-", "");
        return new PayoutInstruction(id, "ESCROW-" + UUID.randomUUID(), "测试商户", "开封银行", account, Money.fen(fen),
                "settlement 2026-03-03");
    }

    @Test
    void acceptsAnInstructionOnceByEndToEndId() {
        PayoutInstruction instruction = instruction("622200001111", 12_345);
        InstructionStatus first = bankPort.submit(instruction);
        InstructionStatus again = bankPort.submit(instruction);
        assertThat(first.state()).isEqualTo(InstructionState.RECEIVED);
        assertThat(again).isEqualTo(first);
        assertThat(bankPort.status(instruction.endToEndId())).contains(first);
        assertThat(bankPort.status("UNKNOWN" + UUID.randomUUID().toString().substring(0, 8))).isEmpty();
    }

    @Test
    void refusesAnEndToEndIdReusedForAnotherAmount() {
        PayoutInstruction instruction = instruction("622200001111", 100);
        bankPort.submit(instruction);
        PayoutInstruction other = new PayoutInstruction(instruction.endToEndId(), instruction.debtorAccount(),
                instruction.creditorName(), instruction.creditorBank(), instruction.creditorAccount(), Money.fen(101),
                instruction.remittanceInformation());
        assertThatThrownBy(() -> bankPort.submit(other)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.type()).isEqualTo(BankPort.END_TO_END_ID_REUSED));
        assertThat(bankPort.status(instruction.endToEndId()).orElseThrow().amount()).isEqualTo(Money.fen(100));
    }

    @Test
    void confirmsOrdinaryAccountsAndReturnsClosedOnesWhenProcessing() {
        PayoutInstruction good = instruction("622200001111", 500);
        PayoutInstruction closed = instruction("622200010000", 700);
        bankPort.submit(good);
        bankPort.submit(closed);
        sandbox.process();
        assertThat(bankPort.status(good.endToEndId()).orElseThrow().state()).isEqualTo(InstructionState.CONFIRMED);
        InstructionStatus returned = bankPort.status(closed.endToEndId()).orElseThrow();
        assertThat(returned.state()).isEqualTo(InstructionState.RETURNED);
        assertThat(returned.reasonCode()).isEqualTo(SandboxBank.CLOSED_ACCOUNT_CODE);
        assertThat(returned.decidedAt()).isNotNull();
        assertThat(bankPort.submit(good).state()).as("a decided instruction answers its final state")
                .isEqualTo(InstructionState.CONFIRMED);
    }

    @Test
    void returnsTheNextInstructionsWhenAskedTo() {
        sandbox.process();
        sandbox.rejectNext(1, "AC01", "Incorrect account number");
        PayoutInstruction first = instruction("622200001111", 1);
        bankPort.submit(first);
        sandbox.process();
        PayoutInstruction second = instruction("622200001111", 2);
        bankPort.submit(second);
        sandbox.process();
        assertThat(bankPort.status(first.endToEndId()).orElseThrow().reasonCode()).isEqualTo("AC01");
        assertThat(bankPort.status(second.endToEndId()).orElseThrow().state()).isEqualTo(InstructionState.CONFIRMED);
    }

    @Test
    void showsInstructionsToTheBankOnly() {
        PayoutInstruction instruction = instruction("622200001111", 42);
        bankPort.submit(instruction);
        var bank = api().as(users.create(Role.BANK)).get("/api/v1/bank/instructions?size=200");
        assertThat(bank.status()).isEqualTo(200);
        assertThat(bank.body()).contains(instruction.endToEndId());
        for (Role role : new Role[] {Role.OPERATOR, Role.CONSUMER, Role.REGULATOR, Role.INSURER, Role.ASSOCIATION}) {
            assertThat(api().as(users.create(role)).get("/api/v1/bank/instructions").status()).as(role.name()).isEqualTo(403);
        }
        assertThat(api().get("/api/v1/bank/instructions").status()).isEqualTo(401);
    }
}
