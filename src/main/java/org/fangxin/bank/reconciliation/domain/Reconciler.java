package org.fangxin.bank.reconciliation.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Matches bank statement lines to ledger movements, one to one, and reports every difference exactly once.
 *
 * <p>Order of the rules, each applied to what the earlier ones left open:
 * <ol>
 * <li>Duplicates: a line whose bank reference (per account) or whole content repeats an earlier line.</li>
 * <li>End-to-end id with equal amount and dates within the tolerance: a match. The end-to-end rules (this one and
 *     the next two) only pair a line with a movement on the same account.</li>
 * <li>Returns: a debit and a credit left open with the same account and end-to-end id and opposite amounts pair with
 *     each other (RETURN_PAIR): the bank paid out and took the money back, the ledger never moved escrow.</li>
 * <li>End-to-end id with equal amount, dates further apart: DATE_MISMATCH.</li>
 * <li>End-to-end id with a different amount: AMOUNT_MISMATCH.</li>
 * <li>Account, amount and date within the tolerance, where the end-to-end ids do not contradict each other: a match.
 *     Lines are taken in date order and each takes the earliest open movement in its window, which pairs every
 *     line that can be paired (the classic greedy for points in equal-width intervals).</li>
 * <li>Near amounts: a line and a movement left open on the same account and day, same direction, amounts apart by at
 *     most {@link #NEAR_AMOUNT_BP} of the movement (at least {@link #NEAR_AMOUNT_MIN_MINOR}), ids not contradicting:
 *     one AMOUNT_MISMATCH (a typo in the statement), not a bank-only and a ledger-only break. The closest amount wins.</li>
 * <li>What is left: BANK_ONLY lines and LEDGER_ONLY movements.</li>
 * </ol>
 * Hash maps keyed by end-to-end id and by (account, amount, date) keep it linear in the input; there is no scan of
 * all movements per line.
 */
public final class Reconciler {

    public static final int DEFAULT_DATE_TOLERANCE_DAYS = 2;
    /** A wider window would pair unrelated payments of the same amount. */
    public static final int DATE_TOLERANCE_DAYS_MAX = 31;
    /** How far (basis points of the ledger amount) a statement amount may be off and still be taken for a typo of it. */
    public static final int NEAR_AMOUNT_BP = 1_000;
    /** ... and at least this many minor units apart (small amounts: a one-yuan slip). */
    public static final long NEAR_AMOUNT_MIN_MINOR = 100;

    private final int dateToleranceDays;

    public Reconciler(int dateToleranceDays) {
        if (dateToleranceDays < 0 || dateToleranceDays > DATE_TOLERANCE_DAYS_MAX) {
            throw new IllegalArgumentException("date tolerance must be 0.." + DATE_TOLERANCE_DAYS_MAX + " days, not " + dateToleranceDays);
        }
        this.dateToleranceDays = dateToleranceDays;
    }

    public static Reconciler withDefaultTolerance() {
        return new Reconciler(DEFAULT_DATE_TOLERANCE_DAYS);
    }

    public int dateToleranceDays() {
        return dateToleranceDays;
    }

    public ReconciliationResult reconcile(List<StatementLine> lines, List<LedgerMovement> movements) {
        var run = new Run(lines, movements);
        run.flagDuplicates();
        run.matchByEndToEndId();
        run.pairReturns();
        run.pairEndToEndIdMismatches();
        run.matchByAccountAmountAndDate();
        run.pairNearAmounts();
        return run.finish();
    }

    private record Reference(String accountNumber, String bankReference) {
    }

    private record Content(String accountNumber, LocalDate bookingDate, LocalDate valueDate, Object signedAmount,
                           String endToEndId, String bankReference, String description) {
        static Content of(StatementLine line) {
            return new Content(line.accountNumber(), line.bookingDate(), line.valueDate(), line.signedAmount(),
                    line.endToEndId(), line.bankReference(), line.description());
        }
    }

    private record Bucket(String accountNumber, long amountMinor, long epochDay) {
    }

    /** State of one reconciliation; indexes into the input lists, so each side is marked done in place. */
    private final class Run {
        private static final int NONE = -1;

        private final List<StatementLine> lines;
        private final List<LedgerMovement> movements;
        private final boolean[] lineDone;
        private final boolean[] movementDone;
        private final List<Match> matches;
        private final List<Break> breaks = new ArrayList<>();
        private int returnPairLines;
        /** Movements by end-to-end id, as a chain: first index per id, then the next index with the same id. */
        private final Map<String, Integer> firstByEndToEndId;
        private final int[] nextSameEndToEndId;

        Run(List<StatementLine> lines, List<LedgerMovement> movements) {
            this.lines = List.copyOf(lines);
            this.movements = List.copyOf(movements);
            this.lineDone = new boolean[lines.size()];
            this.movementDone = new boolean[movements.size()];
            this.matches = new ArrayList<>(Math.min(lines.size(), movements.size()));
            this.firstByEndToEndId = new HashMap<>(capacity(movements.size()));
            this.nextSameEndToEndId = new int[movements.size()];
            var movementIds = new HashSet<String>(capacity(movements.size()));
            for (int m = movements.size() - 1; m >= 0; m--) {
                LedgerMovement movement = this.movements.get(m);
                if (!movementIds.add(movement.movementId())) {
                    throw new IllegalArgumentException("ledger movement " + movement.movementId() + " given twice");
                }
                nextSameEndToEndId[m] = NONE;
                if (movement.endToEndId() != null) {
                    Integer next = firstByEndToEndId.put(movement.endToEndId(), m);
                    nextSameEndToEndId[m] = next == null ? NONE : next;
                }
            }
        }

        void flagDuplicates() {
            var firstByReference = new HashMap<Reference, StatementLine>(capacity(lines.size()));
            var firstByContent = new HashMap<Content, StatementLine>();
            for (int l = 0; l < lines.size(); l++) {
                StatementLine line = lines.get(l);
                // Identical content includes the reference, so with a reference the reference check covers it.
                StatementLine original = line.bankReference().isBlank()
                        ? firstByContent.putIfAbsent(Content.of(line), line)
                        : firstByReference.putIfAbsent(new Reference(line.accountNumber(), line.bankReference()), line);
                if (original != null) {
                    lineDone[l] = true;
                    breaks.add(new Break(BreakKind.DUPLICATE, line, null, "repeats line " + original.lineId()
                            + (line.bankReference().isBlank() ? "" : " (bank reference " + line.bankReference() + ")")));
                }
            }
        }

        void matchByEndToEndId() {
            for (int l = 0; l < lines.size(); l++) {
                StatementLine line = lines.get(l);
                if (lineDone[l] || line.endToEndId() == null) {
                    continue;
                }
                for (int m = first(line.endToEndId()); m != NONE; m = nextSameEndToEndId[m]) {
                    LedgerMovement movement = movements.get(m);
                    if (!movementDone[m] && movement.accountNumber().equals(line.accountNumber())
                            && movement.signedAmount().equals(line.signedAmount()) && withinTolerance(line, movement)) {
                        match(l, m, MatchRule.END_TO_END_ID);
                        break;
                    }
                }
            }
        }

        void pairReturns() {
            var open = new HashMap<Reference, List<Integer>>();
            for (int l = 0; l < lines.size(); l++) {
                StatementLine line = lines.get(l);
                if (!lineDone[l] && line.endToEndId() != null) {
                    open.computeIfAbsent(new Reference(line.accountNumber(), line.endToEndId()), k -> new ArrayList<>(2)).add(l);
                }
            }
            for (List<Integer> same : open.values()) {
                for (int i = 0; i < same.size(); i++) {
                    int a = same.get(i);
                    if (lineDone[a] || !lines.get(a).signedAmount().isNegative()) {
                        continue;
                    }
                    for (int j = 0; j < same.size(); j++) {
                        int b = same.get(j);
                        if (!lineDone[b] && lines.get(b).signedAmount().equals(lines.get(a).signedAmount().negate())) {
                            lineDone[a] = true;
                            lineDone[b] = true;
                            matches.add(new Match(lines.get(a), partner(lines.get(a), lines.get(b)), MatchRule.RETURN_PAIR));
                            matches.add(new Match(lines.get(b), partner(lines.get(b), lines.get(a)), MatchRule.RETURN_PAIR));
                            returnPairLines += 2;
                            break;
                        }
                    }
                }
            }
        }

        /** Stands for the line's partner in a return pair; carries the line's own amount, as every match does. */
        private LedgerMovement partner(StatementLine line, StatementLine partner) {
            return new LedgerMovement("bank-return:" + partner.lineId(), line.accountNumber(), line.bookingDate(), line.signedAmount(),
                    line.endToEndId());
        }

        void pairEndToEndIdMismatches() {
            for (int l = 0; l < lines.size(); l++) {
                StatementLine line = lines.get(l);
                if (lineDone[l] || line.endToEndId() == null) {
                    continue;
                }
                int sameAmount = NONE;
                int any = NONE;
                for (int m = first(line.endToEndId()); m != NONE; m = nextSameEndToEndId[m]) {
                    if (movementDone[m] || !movements.get(m).accountNumber().equals(line.accountNumber())) {
                        continue;
                    }
                    any = any == NONE ? m : any;
                    if (movements.get(m).signedAmount().equals(line.signedAmount())) {
                        sameAmount = m;
                        break;
                    }
                }
                if (sameAmount != NONE) {
                    LedgerMovement movement = movements.get(sameAmount);
                    pairAsBreak(l, sameAmount, BreakKind.DATE_MISMATCH, "bank booked on " + line.bookingDate() + ", ledger dated "
                            + movement.date() + ": more than " + dateToleranceDays + " days apart");
                } else if (any != NONE) {
                    LedgerMovement movement = movements.get(any);
                    pairAsBreak(l, any, BreakKind.AMOUNT_MISMATCH, "bank " + line.signedAmount().format() + ", ledger "
                            + movement.signedAmount().format() + " for end-to-end id " + line.endToEndId());
                }
            }
        }

        void matchByAccountAmountAndDate() {
            var buckets = new HashMap<Bucket, Integer>(capacity(movements.size() - matches.size()));
            int[] nextInBucket = new int[movements.size()];
            for (int m = movements.size() - 1; m >= 0; m--) {
                if (!movementDone[m]) {
                    LedgerMovement movement = movements.get(m);
                    Integer next = buckets.put(bucket(movement.accountNumber(), movement.signedAmount().amountMinor(), movement.date()), m);
                    nextInBucket[m] = next == null ? NONE : next;
                }
            }
            for (int l : openLinesByBookingDate()) {
                StatementLine line = lines.get(l);
                int found = NONE;
                for (int offset = -dateToleranceDays; offset <= dateToleranceDays && found == NONE; offset++) {
                    Bucket key = bucket(line.accountNumber(), line.signedAmount().amountMinor(), line.bookingDate().plusDays(offset));
                    Integer head = buckets.get(key);
                    // Drop movements taken since the bucket was built, so each is skipped at most once overall.
                    while (head != null && head != NONE && movementDone[head]) {
                        head = nextInBucket[head];
                        buckets.put(key, head);
                    }
                    for (int m = head == null ? NONE : head; m != NONE; m = nextInBucket[m]) {
                        if (!movementDone[m] && compatible(line, movements.get(m))) {
                            found = m;
                            break;
                        }
                    }
                }
                if (found != NONE) {
                    match(l, found, MatchRule.AMOUNT_ACCOUNT_DATE);
                }
            }
        }

        void pairNearAmounts() {
            var openByAccountAndDay = new HashMap<Bucket, List<Integer>>();
            for (int m = 0; m < movements.size(); m++) {
                if (!movementDone[m]) {
                    LedgerMovement movement = movements.get(m);
                    openByAccountAndDay.computeIfAbsent(bucket(movement.accountNumber(), 0, movement.date()), k -> new ArrayList<>(2)).add(m);
                }
            }
            for (int l : openLinesByBookingDate()) {
                StatementLine line = lines.get(l);
                int closest = NONE;
                long closestGap = Long.MAX_VALUE;
                for (int m : openByAccountAndDay.getOrDefault(bucket(line.accountNumber(), 0, line.bookingDate()), List.of())) {
                    LedgerMovement movement = movements.get(m);
                    long gap = Math.abs(line.signedAmount().amountMinor() - movement.signedAmount().amountMinor());
                    if (!movementDone[m] && near(line, movement, gap) && gap < closestGap) {
                        closest = m;
                        closestGap = gap;
                    }
                }
                if (closest != NONE) {
                    LedgerMovement movement = movements.get(closest);
                    pairAsBreak(l, closest, BreakKind.AMOUNT_MISMATCH, "bank " + line.signedAmount().format() + ", ledger "
                            + movement.signedAmount().format() + " on the same account and day: an amount typo?");
                }
            }
        }

        private boolean near(StatementLine line, LedgerMovement movement, long gap) {
            long ledger = movement.signedAmount().amountMinor();
            long limit = Math.max(NEAR_AMOUNT_MIN_MINOR, Math.abs(ledger) / 10_000 * NEAR_AMOUNT_BP
                    + Math.abs(ledger) % 10_000 * NEAR_AMOUNT_BP / 10_000);
            return line.signedAmount().currency().equals(movement.signedAmount().currency())
                    && Long.signum(line.signedAmount().amountMinor()) == Long.signum(ledger) && gap <= limit
                    && (line.endToEndId() == null || movement.endToEndId() == null || line.endToEndId().equals(movement.endToEndId()));
        }

        ReconciliationResult finish() {
            for (int l = 0; l < lines.size(); l++) {
                if (!lineDone[l]) {
                    StatementLine line = lines.get(l);
                    breaks.add(new Break(BreakKind.BANK_ONLY, line, null, "no ledger movement for " + line.signedAmount().format()
                            + " on " + line.bookingDate() + (line.endToEndId() == null ? "" : " (end-to-end id " + line.endToEndId() + ")")));
                }
            }
            for (int m = 0; m < movements.size(); m++) {
                if (!movementDone[m]) {
                    LedgerMovement movement = movements.get(m);
                    breaks.add(new Break(BreakKind.LEDGER_ONLY, null, movement, "the bank has not booked " + movement.signedAmount().format()
                            + " of " + movement.date() + (movement.endToEndId() == null ? "" : " (end-to-end id " + movement.endToEndId() + ")")));
                }
            }
            int linesInBreaks = 0;
            int movementsInBreaks = 0;
            for (Break b : breaks) {
                linesInBreaks += b.line() == null ? 0 : 1;
                movementsInBreaks += b.movement() == null ? 0 : 1;
            }
            // Paired checks: every line and every movement is accounted for exactly once.
            int movementMatches = matches.size() - returnPairLines;
            if (matches.size() + linesInBreaks != lines.size() || movementMatches + movementsInBreaks != movements.size()) {
                throw new IllegalStateException("reconciliation lost or doubled an item: " + matches.size() + " matches, "
                        + linesInBreaks + "/" + lines.size() + " lines and " + movementsInBreaks + "/" + movements.size() + " movements in breaks");
            }
            return new ReconciliationResult(matches, breaks, lines.size(), movements.size());
        }

        private int[] openLinesByBookingDate() {
            int open = 0;
            for (boolean done : lineDone) {
                open += done ? 0 : 1;
            }
            // Sort (epoch day, index) packed in a long: primitive sort, stable by index within a day.
            long[] keys = new long[open];
            int k = 0;
            for (int l = 0; l < lines.size(); l++) {
                if (!lineDone[l]) {
                    keys[k++] = (lines.get(l).bookingDate().toEpochDay() << 32) | l;
                }
            }
            Arrays.sort(keys);
            int[] order = new int[open];
            for (int i = 0; i < open; i++) {
                order[i] = (int) keys[i];
            }
            return order;
        }

        private int first(String endToEndId) {
            Integer first = firstByEndToEndId.get(endToEndId);
            return first == null ? NONE : first;
        }

        private boolean withinTolerance(StatementLine line, LedgerMovement movement) {
            return Math.abs(line.bookingDate().toEpochDay() - movement.date().toEpochDay()) <= dateToleranceDays;
        }

        /** Amount buckets ignore currency; the match still requires equal Money. Different ids never pair. */
        private boolean compatible(StatementLine line, LedgerMovement movement) {
            return movement.signedAmount().equals(line.signedAmount())
                    && (line.endToEndId() == null || movement.endToEndId() == null || line.endToEndId().equals(movement.endToEndId()));
        }

        private Bucket bucket(String accountNumber, long amountMinor, LocalDate date) {
            return new Bucket(accountNumber, amountMinor, date.toEpochDay());
        }

        private void match(int l, int m, MatchRule rule) {
            lineDone[l] = true;
            movementDone[m] = true;
            matches.add(new Match(lines.get(l), movements.get(m), rule));
        }

        private void pairAsBreak(int l, int m, BreakKind kind, String explanation) {
            lineDone[l] = true;
            movementDone[m] = true;
            breaks.add(new Break(kind, lines.get(l), movements.get(m), explanation));
        }
    }

    private static int capacity(int size) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(16L, size * 4L / 3 + 1));
    }
}
