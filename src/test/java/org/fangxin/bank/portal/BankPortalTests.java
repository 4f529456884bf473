package org.fangxin.bank.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The bank portal: custody sub-accounts, supervised balances and movements, access, and the regulator's region view. */
class BankPortalTests extends IntegrationTest {

    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    TestMerchants testMerchants;
    String region;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
        region = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
    }

    private String key() {
        return "portal-" + SEQUENCE.incrementAndGet();
    }

    private LocalDate today() {
        return clock.instant().atZone(BANK_ZONE).toLocalDate();
    }

    /** Money into (positive) or out of (negative) the merchant's escrow, against consumer-funds clearing. */
    private String moveEscrow(UUID merchantId, long signedFen) {
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, merchantId, Money.CNY).id();
        Money amount = Money.fen(Math.abs(signedFen));
        String postingKey = "portal-test-" + SEQUENCE.incrementAndGet();
        ledger.post(signedFen > 0
                ? NewTransfer.of(postingKey, "test funding", EntryLine.debit(escrow, amount), EntryLine.credit(clearing, amount))
                : NewTransfer.of(postingKey, "test outflow", EntryLine.debit(clearing, amount), EntryLine.credit(escrow, amount)));
        return postingKey;
    }

    private void lodgeDeposit(UUID merchantId, long fen) {
        var held = ledger.open(AccountType.RISK_DEPOSIT_HELD, merchantId, Money.CNY).id();
        var owed = ledger.open(AccountType.RISK_DEPOSIT, merchantId, Money.CNY).id();
        ledger.post(NewTransfer.of("deposit:" + UUID.randomUUID(), "test deposit", EntryLine.debit(held, Money.fen(fen)),
                EntryLine.credit(owed, Money.fen(fen))));
    }

    /**
     * Goal: every merchant has two supervised sub-accounts, numbered once and for good (deposit = FD + the escrow
     * number's digits), and its owner, an operator and the bank see the same numbers.
     */
    @Test
    void assignsEscrowAndDepositSubAccountsOnceAndShowsTheSameNumbersToOwnerOperatorAndBank() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);

        JsonNode mine = api().as(gym.owner()).get("/api/v1/bank/my-accounts").json();
        JsonNode operator = api().as(users.create(Role.OPERATOR)).get("/api/v1/bank/merchants/" + gym.id() + "/accounts").json();
        JsonNode bank = api().as(users.create(Role.BANK)).get("/api/v1/bank/merchants/" + gym.id() + "/accounts").json();

        String escrow = mine.get("escrowSubAccount").asString();
        assertThat(escrow).matches("FX[0-9]{10}");
        assertThat(mine.get("depositSubAccount").asString()).isEqualTo("FD" + escrow.substring(2));
        assertThat(mine.get("custodyAccount").asString()).isNotBlank();
        for (JsonNode seen : List.of(operator, bank)) {
            assertThat(seen.get("escrowSubAccount").asString()).isEqualTo(escrow);
            assertThat(seen.get("depositSubAccount").asString()).isEqualTo(mine.get("depositSubAccount").asString());
        }
    }

    /**
     * Goal: the bank reads a merchant's escrow, risk deposit and in-transit balances as of the end of a chosen day,
     * and the movements of each sub-account newest first, paged.
     */
    @Test
    void bankSeesBalancesAsOfAChosenDayAndMovementsNewestFirst() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);
        LocalDate before = today();
        moveEscrow(gym.id(), 1_000_00);
        clock.advance(Duration.ofDays(1));
        LocalDate after = today();
        moveEscrow(gym.id(), 500_00);
        moveEscrow(gym.id(), -200_00);
        lodgeDeposit(gym.id(), 3_000_00);
        Api bank = api().as(users.create(Role.BANK));  // after the clock moved: a token lives 8 hours

        JsonNode first = bank.get("/api/v1/bank/merchants/" + gym.id() + "/balance?date=" + before).json();
        JsonNode second = bank.get("/api/v1/bank/merchants/" + gym.id() + "/balance?date=" + after).json();
        JsonNode movements = bank.get("/api/v1/bank/merchants/" + gym.id() + "/movements?kind=ESCROW&size=2").json();
        JsonNode nextPage = bank.get("/api/v1/bank/merchants/" + gym.id() + "/movements?kind=ESCROW&size=2&page=1").json();
        JsonNode deposit = bank.get("/api/v1/bank/merchants/" + gym.id() + "/movements?kind=RISK_DEPOSIT").json();

        assertThat(first.get("escrow").get("amountMinor").asLong()).isEqualTo(1_000_00);
        assertThat(first.get("riskDeposit").get("amountMinor").asLong()).isZero();
        assertThat(second.get("escrow").get("amountMinor").asLong()).isEqualTo(1_300_00);
        assertThat(second.get("riskDeposit").get("amountMinor").asLong()).isEqualTo(3_000_00);
        assertThat(second.get("inTransit").get("amountMinor").asLong()).isZero();
        assertThat(movements.get("total").asLong()).isEqualTo(3);
        assertThat(amounts(movements)).containsExactly(-200_00L, 500_00L);
        assertThat(movements.get("items").get(0).get("direction").asString()).isEqualTo("OUT");
        assertThat(amounts(nextPage)).containsExactly(1_000_00L);
        assertThat(deposit.get("subAccount").asString()).startsWith("FD");
        assertThat(amounts(deposit)).containsExactly(3_000_00L);

        JsonNode page = bank.get("/api/v1/bank/balances?date=" + after + "&size=100").json();
        assertThat(page.get("items").size()).isPositive();
    }

    private static List<Long> amounts(JsonNode page) {
        List<Long> amounts = new ArrayList<>();
        page.get("items").forEach(item -> amounts.add(item.get("amount").get("amountMinor").asLong()));
        return amounts;
    }

    /** Goal: another merchant's sub-accounts are not found; roles outside bank, operator and merchant are refused. */
    @Test
    void hidesOtherMerchantsAndRefusesOtherRoles() {
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);
        var other = testMerchants.activeMerchant(Sector.BEAUTY, region);
        String base = "/api/v1/bank/merchants/" + gym.id();
        Api otherOwner = api().as(other.owner());
        Api staff = api().as(testMerchants.staff(gym.id()));

        for (String path : List.of(base + "/accounts", base + "/balance", base + "/movements")) {
            assertThat(otherOwner.get(path).status()).as(path).isEqualTo(404);
            assertThat(staff.get(path).status()).as(path).isEqualTo(200);
            assertThat(api().get(path).status()).as(path).isEqualTo(401);
            for (Role role : List.of(Role.CONSUMER, Role.INSURER, Role.REGULATOR, Role.ASSOCIATION)) {
                assertThat(api().as(users.create(role)).get(path).status()).as(role + " " + path).isEqualTo(403);
            }
        }
        assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/bank/merchants/" + UUID.randomUUID() + "/accounts").status())
                .isEqualTo(404);
        for (String path : List.of("/api/v1/bank/balances", "/api/v1/bank/sent-instructions", "/api/v1/bank/statements")) {
            assertThat(api().as(users.create(Role.BANK)).get(path).status()).as(path).isEqualTo(200);
            assertThat(api().as(users.create(Role.OPERATOR)).get(path).status()).as(path).isEqualTo(200);
            assertThat(api().as(gym.owner()).get(path).status()).as(path).isEqualTo(403);
            assertThat(api().as(users.create(Role.REGULATOR)).get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(api().as(users.create(Role.BANK)).get("/api/v1/bank/certificate-status").status()).isEqualTo(403);
        assertThat(api().as(gym.owner()).get("/api/v1/bank/certificate-status").status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/bank/my-accounts").status()).isEqualTo(403);
    }

    /**
     * Goal: per region, the regulator sees which merchants' sub-accounts are certified today, which have a statement
     * that disagrees, and which have no statement; a sector regulator sees its sector only.
     */
    @Test
    void regulatorSeesTodaysCertificateStatusPerRegionAndSectorRegulatorOnlyItsSector() {
        var certified = testMerchants.activeMerchant(Sector.EDUCATION, region);
        var differing = testMerchants.activeMerchant(Sector.EDUCATION, region);
        var missing = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, region);
        Api operator = api().as(users.create(Role.OPERATOR));
        LocalDate day = today();
        String certifiedFunding = moveEscrow(certified.id(), 700_00);
        String differingFunding = moveEscrow(differing.id(), 400_00);
        String certifiedAccount = operator.get("/api/v1/bank/merchants/" + certified.id() + "/accounts").json()
                .get("escrowSubAccount").asString();
        String differingAccount = operator.get("/api/v1/bank/merchants/" + differing.id() + "/accounts").json()
                .get("escrowSubAccount").asString();
        importCamt(operator, certifiedAccount, day, 700_00, certifiedFunding, 700_00);
        importCamt(operator, differingAccount, day, 390_00, differingFunding, 390_00);

        JsonNode all = regionOf(api().as(users.create(Role.REGULATOR)).get("/api/v1/bank/certificate-status?date=" + day));
        JsonNode education = regionOf(api().as(users.create(Role.REGULATOR, null, "EDUCATION"))
                .get("/api/v1/bank/certificate-status?date=" + day));

        assertThat(all.get("green").asInt()).isEqualTo(1);
        assertThat(all.get("openBreaks").asInt() + all.get("mismatch").asInt()).isEqualTo(1);
        assertThat(all.get("missing").asInt()).isEqualTo(1);
        assertThat(stateOf(all, certified.id())).isEqualTo("GREEN");
        assertThat(stateOf(all, differing.id())).isIn("OPEN_BREAKS", "MISMATCH");
        assertThat(stateOf(all, missing.id())).isEqualTo("MISSING");
        assertThat(education.get("merchants").size()).isEqualTo(2);
        assertThat(stateOf(education, missing.id())).isNull();
    }

    private JsonNode regionOf(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode r : response.json()) {
            if (r.get("regionCode").asString().equals(region)) {
                return r;
            }
        }
        throw new AssertionError("region " + region + " missing from " + response.body());
    }

    private static String stateOf(JsonNode region, UUID merchantId) {
        for (JsonNode m : region.get("merchants")) {
            if (m.get("merchantId").asString().equals(merchantId.toString())) {
                return m.get("state").asString();
            }
        }
        return null;
    }

    /** A camt.053 for one account and day (opening 0) with one credit line carrying the given end-to-end id. */
    private void importCamt(Api operator, String account, LocalDate day, long closingFen, String endToEndId, long lineFen) {
        String id = "PORTAL-" + SEQUENCE.incrementAndGet();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>MSG-%1$s</MsgId><CreDtTm>%2$sT23:30:00+08:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%1$s</Id>
                      <CreDtTm>%2$sT23:30:00+08:00</CreDtTm>
                      <FrToDt><FrDtTm>%2$sT00:00:00+08:00</FrDtTm><ToDtTm>%2$sT23:59:59+08:00</ToDtTm></FrToDt>
                      <Acct><Id><Othr><Id>%3$s</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
                      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%2$s</Dt></Dt></Bal>
                      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">%4$s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%2$s</Dt></Dt></Bal>
                      <Ntry>
                        <NtryRef>1</NtryRef>
                        <Amt Ccy="CNY">%5$s</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%2$s</Dt></BookgDt>
                        <ValDt><Dt>%2$s</Dt></ValDt>
                        <AcctSvcrRef>REF-%1$s</AcctSvcrRef>
                        <NtryDtls><TxDtls>
                          <Refs><EndToEndId>%6$s</EndToEndId></Refs>
                          <RmtInf><Ustrd>purchase</Ustrd></RmtInf>
                        </TxDtls></NtryDtls>
                      </Ntry>
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(id, day, account, BigDecimal.valueOf(closingFen, 2).toPlainString(),
                BigDecimal.valueOf(lineFen, 2).toPlainString(), endToEndId);
        var imported = operator.post("/api/v1/reconciliation/statements?format=CAMT053", xml, key());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    }
}
