package org.fangxin.bank.reconciliation;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.bank.format.BankStatement;
import org.fangxin.bank.format.Camt053Reader;
import org.fangxin.bank.format.CsvStatementReader;
import org.fangxin.bank.format.MalformedBankFile;
import org.fangxin.bank.reconciliation.domain.Break;
import org.fangxin.bank.reconciliation.domain.LedgerMovement;
import org.fangxin.bank.reconciliation.domain.Match;
import org.fangxin.bank.reconciliation.domain.Reconciler;
import org.fangxin.bank.reconciliation.domain.ReconciliationResult;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.bank.reconciliation.persistence.ReconciliationRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Component;

/**
 * Imports a bank statement file and reconciles it at once, all or nothing, in the caller's transaction: refused
 * before anything is written when the file is malformed (naming the line), was already imported (naming the first
 * import) or spans too many days.
 */
@Component
class StatementImport {

    private final ReconciliationRepository repository;
    private final LedgerMirror mirror;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;
    private final Reconciler reconciler = Reconciler.withDefaultTolerance();
    /** Phase times of each import (INFO), for the reconciliation benchmark. */
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatementImport.class);

    StatementImport(ReconciliationRepository repository, LedgerMirror mirror, AuditTrail audit, IdGenerator ids, Clock clock,
                    Shards shards) {
        this.repository = repository;
        this.mirror = mirror;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.shards = shards;
    }

    RunDetail importFile(UUID importedBy, String bank, StatementFormat format, byte[] file, String fileName) {
        String sha256 = requireNewFile(format, file);
        UUID importId = ids.next();
        long started = System.nanoTime();
        List<BankStatement> statements = format == StatementFormat.CAMT053 ? readCamt(file) : List.of();
        List<StatementLine> lines = format == StatementFormat.CAMT053
                ? statements.stream().flatMap(s -> s.lines().stream()).toList() : readCsv(file, importId);
        Period period = period(format, statements, lines);
        Set<String> accounts = new LinkedHashSet<>();
        statements.forEach(s -> accounts.add(s.accountNumber()));
        lines.forEach(l -> accounts.add(l.accountNumber()));
        Upload upload = new Upload(importId, ids.next(), importedBy, bank, sha256, format, fileName, period);
        if (shards.count() == 1) {
            return importPart(upload, statements, lines, accounts, started);
        }
        return importPerShard(upload, statements, lines, accounts, started);
    }

    /** What one import is, the same on every shard that keeps a part of it. */
    private record Upload(UUID importId, UUID runId, UUID importedBy, String bank, String sha256, StatementFormat format,
                          String fileName, Period period) { }

    /**
     * Sharded (ADR 12 §6): each shard keeps and matches the statements and lines of the sub-accounts its merchants hold,
     * against its own escrow, under the same import and run ids; the directory shard takes the accounts no shard knows
     * (the operating account, strangers). The answer adds the parts up. Two questions per shard, whatever the file size.
     */
    private RunDetail importPerShard(Upload upload, List<BankStatement> statements, List<StatementLine> lines,
                                     Set<String> accounts, long started) {
        List<Set<String>> known = shards.each(() -> repository.subAccountsAmong(accounts));
        Set<String> anywhere = new HashSet<>();
        known.forEach(anywhere::addAll);
        List<RunDetail> parts = shards.each(() -> {
            refuseImported(upload.sha256());
            Set<String> here = new HashSet<>(known.get(shards.current()));
            if (shards.current() == 0) {
                accounts.stream().filter(a -> !anywhere.contains(a)).forEach(here::add);
            }
            return importPart(upload, statements.stream().filter(st -> here.contains(st.accountNumber())).toList(),
                    lines.stream().filter(l -> here.contains(l.accountNumber())).toList(), here, started);
        });
        return ReconciliationsOverShards.combined(parts, Reconciliations.RUN_ITEMS_LISTED_MAX);
    }

    /** Stores and matches the statements and lines of {@code accounts} on the database this runs on. */
    private RunDetail importPart(Upload upload, List<BankStatement> statements, List<StatementLine> lines, Set<String> accounts,
                                 long started) {
        UUID importId = upload.importId();
        Period period = upload.period();
        long parsed = System.nanoTime();
        List<LedgerMovement> movements = mirror.movements(upload.bank(), accounts, period.from(), period.to());
        long loaded = System.nanoTime();
        ReconciliationResult result = reconciler.reconcile(lines, movements);
        long matched = System.nanoTime();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored, so the answer equals a later read
        Map<String, UUID> lineIds = storeStatement(importId, upload.bank(), upload.sha256(), upload.format(), upload.fileName(),
                period, statements, lines, upload.importedBy(), now);
        RunView run = new RunView(upload.runId(), importId, upload.format(), upload.fileName(), period.from(), period.to(), lines.size(),
                movements.size(), result.matches().size(), result.breaks().size(), result.autoMatchRateBasisPoints(), now);
        storeRun(run, result, lineIds, now);
        log.info("statement {} imported: {} lines, {} movements; parse {} ms, ledger read {} ms, match {} ms, store {} ms",
                importId, lines.size(), movements.size(), (parsed - started) / 1_000_000, (loaded - parsed) / 1_000_000,
                (matched - loaded) / 1_000_000, (System.nanoTime() - matched) / 1_000_000);
        audit.record("reconciliation.statement.imported", "bank.statement_import", importId, null,
                Map.of("bank", upload.bank(), "format", upload.format().name(), "sha256", upload.sha256(), "lines", lines.size(),
                        "runId", run.id().toString(), "matches", run.matchCount(), "breaks", run.breakCount()));
        return new RunDetail(run, firstMatches(lines, result), repository.breaksOfRun(run.id(), Reconciliations.RUN_ITEMS_LISTED_MAX));
    }

    /** The file's SHA-256, once the file is checked to be a new, non-empty statement of a known format. */
    private String requireNewFile(StatementFormat format, byte[] file) {
        if (format == null) {
            throw Rejection.invalid("format", "format must be CAMT053 or CSV");
        }
        if (file == null || file.length == 0) {
            throw Rejection.invalid("file", "the statement file is empty");
        }
        if (file.length > Reconciliations.FILE_BYTES_MAX) {
            throw Rejection.invalid("file", "the statement file is larger than " + Reconciliations.FILE_BYTES_MAX + " bytes");
        }
        String sha256 = sha256(file);
        refuseImported(sha256);
        return sha256;
    }

    private void refuseImported(String sha256) {
        repository.importOfFile(sha256).ifPresent(first -> {
            throw new Rejection(Reconciliations.STATEMENT_ALREADY_IMPORTED, "this file was already imported as " + first,
                    Map.of("firstImportId", first.toString()));
        });
    }

    /** The days a statement covers (its periods and its lines' booking days). */
    private record Period(LocalDate from, LocalDate to) { }

    private static Period period(StatementFormat format, List<BankStatement> statements, List<StatementLine> lines) {
        LocalDate from = null;
        LocalDate to = null;
        for (BankStatement statement : statements) {
            from = min(from, statement.fromDate() == null ? statement.toDate() : statement.fromDate());
            to = max(to, statement.toDate() == null ? statement.fromDate() : statement.toDate());
        }
        for (StatementLine line : lines) {
            from = min(from, line.bookingDate());
            to = max(to, line.bookingDate());
        }
        if (from == null) {
            throw new Rejection(Reconciliations.MALFORMED_STATEMENT, format + ": the file has no dates (no statement period and no lines)");
        }
        if (to.toEpochDay() - from.toEpochDay() >= Reconciliations.STATEMENT_DAYS_MAX) {
            throw new Rejection(Reconciliations.MALFORMED_STATEMENT, format + ": the file spans " + from + " to " + to + ", more than "
                    + Reconciliations.STATEMENT_DAYS_MAX + " days");
        }
        return new Period(from, to);
    }

    /**
     * The import row, the statements' balances and the lines; answers the bank's line id → stored id. A line id twice
     * is malformed, refused before anything is written (an import from the bank keeps its transaction on refusal).
     */
    private Map<String, UUID> storeStatement(UUID importId, String bank, String sha256, StatementFormat format, String fileName,
                                             Period period, List<BankStatement> statements, List<StatementLine> lines,
                                             UUID importedBy, Instant now) {
        Map<String, UUID> lineIds = new HashMap<>(lines.size() * 2);
        List<UUID> lineIdList = new ArrayList<>(lines.size());
        for (StatementLine line : lines) {
            UUID id = ids.next();
            if (lineIds.put(line.lineId(), id) != null) {
                throw new Rejection(Reconciliations.MALFORMED_STATEMENT, format + ": line id " + line.lineId() + " appears twice");
            }
            lineIdList.add(id);
        }
        repository.insertImport(importId, bank, sha256, format, fileName, period.from(), period.to(), lines.size(), importedBy, now);
        for (BankStatement statement : statements) {
            repository.insertBalance(importId, statement.statementId(), statement.accountNumber(),
                    statement.fromDate() == null ? period.from() : statement.fromDate(),
                    statement.toDate() == null ? period.to() : statement.toDate(),
                    statement.openingBalance(), statement.closingBalance());
        }
        repository.insertLines(importId, lines, lineIdList);
        return lineIds;
    }

    /** The run with its matches and breaks. */
    private void storeRun(RunView run, ReconciliationResult result, Map<String, UUID> lineIds, Instant now) {
        repository.insertRun(run);
        repository.insertMatches(run.id(), result.matches().stream().map(match -> new ReconciliationRepository.MatchRow(
                lineIds.get(match.line().lineId()), match.movement().movementId(), match.rule().name())).toList());
        var newBreaks = new ArrayList<ReconciliationRepository.NewBreak>(result.breaks().size());
        for (Break b : result.breaks()) {
            StatementLine line = b.line();
            LedgerMovement movement = b.movement();
            newBreaks.add(new ReconciliationRepository.NewBreak(ids.next(), run.id(), b.kind(),
                    line == null ? null : lineIds.get(line.lineId()), movement == null ? null : movement.movementId(),
                    line != null ? line.accountNumber() : movement.accountNumber(),
                    line != null ? line.bookingDate() : movement.date(),
                    line != null ? line.signedAmount() : movement.signedAmount(), b.explanation(), now));
        }
        repository.insertBreaks(newBreaks);
        repository.requireMatchesOnOwnLines(run.id(), run.importId());
    }

    /**
     * The run's first matches in file order, as {@link ReconciliationRepository#matchesOfRun} reads them back later:
     * taken from the lines in memory, because reading them back sorts a million stored matches for a thousand.
     */
    private static List<MatchView> firstMatches(List<StatementLine> lines, ReconciliationResult result) {
        Map<String, Match> byLine = new HashMap<>(result.matches().size() * 2);
        result.matches().forEach(match -> byLine.put(match.line().lineId(), match));
        List<MatchView> first = new ArrayList<>(Math.min(byLine.size(), Reconciliations.RUN_ITEMS_LISTED_MAX));
        for (int i = 0; i < lines.size() && first.size() < Reconciliations.RUN_ITEMS_LISTED_MAX; i++) {
            Match match = byLine.get(lines.get(i).lineId());
            if (match != null) {
                StatementLine line = match.line();
                first.add(new MatchView(line.lineId(), line.accountNumber(), line.bookingDate(), line.signedAmount(),
                        line.endToEndId(), match.movement().movementId(), match.rule().name()));
            }
        }
        return first;
    }

    private List<BankStatement> readCamt(byte[] file) {
        try {
            return new Camt053Reader(mirror.bankZone()).read(file);
        } catch (MalformedBankFile e) {
            throw malformed(e);
        }
    }

    private List<StatementLine> readCsv(byte[] file, UUID importId) {
        try {
            return new CsvStatementReader(Reconciliations.DEFAULT_CSV_MAPPING).read(new ByteArrayInputStream(file), "csv-" + importId);
        } catch (MalformedBankFile e) {
            throw malformed(e);
        }
    }

    private static Rejection malformed(MalformedBankFile e) {
        return new Rejection(Reconciliations.MALFORMED_STATEMENT, e.getMessage(), Map.of("format", e.format(), "line", e.lineNumber()));
    }

    private static String sha256(byte[] bytes) {
        return org.fangxin.shared.Sha256.hex(bytes);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
