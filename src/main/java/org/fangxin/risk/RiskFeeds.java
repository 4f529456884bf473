package org.fangxin.risk;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.alert.AlertBook;
import org.fangxin.risk.domain.FeedRecord;
import org.fangxin.risk.feed.FeedParser;
import org.fangxin.risk.feed.ListFlags;
import org.fangxin.risk.persistence.FeedRepository;
import org.fangxin.shared.MessageArgument;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Sha256;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External risk data in: a file (CSV or JSON) pushed by a DATA_PROVIDER system, uploaded by an operator or dropped in
 * the watched folder is imported all-or-nothing (a malformed line refuses the file, naming the line); records of
 * unknown credit codes are quarantined with the reason; a repeated file or record changes nothing, another content for
 * a record's key is a correction (the old content is kept). List records set or clear the merchant's compliance flags.
 */
@Service
public class RiskFeeds {

    /** A feed file that cannot be read or breaks a record rule; {@code line} and {@code field} name the first problem. */
    public static final ProblemType FEED_MALFORMED = new ProblemType("feed-malformed", 400);
    /** The quarantined record's credit code still names no merchant: it cannot be released yet. */
    public static final ProblemType STILL_UNKNOWN = new ProblemType("credit-code-still-unknown", 409);
    /** The quarantined record was released or discarded already. */
    public static final ProblemType QUARANTINE_RESOLVED = new ProblemType("quarantine-resolved", 409);
    public static final int LIST_SIZE_MAX = 200;
    static final int CHUNK = 1_000;
    private static final Pattern PROVIDER = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()（）-]{0,63}");
    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,200}");
    /** The quarantine reason, a message key (the API answers the key; pages show it in the reader's language). */
    static final String UNKNOWN_CODE = "risk.quarantine.reason.unknownCreditCode";

    private final FeedRepository repository;
    private final Merchants merchants;
    private final ListFlags listFlags;
    private final AlertBook alerts;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final org.fangxin.insurance.MerchantTriggers merchantTriggers;

    RiskFeeds(FeedRepository repository, Merchants merchants, ListFlags listFlags, AlertBook alerts, AuditTrail audit,
              IdGenerator ids, Clock clock, org.fangxin.insurance.MerchantTriggers merchantTriggers) {
        this.merchantTriggers = merchantTriggers;
        this.repository = repository;
        this.merchants = merchants;
        this.listFlags = listFlags;
        this.alerts = alerts;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** A DATA_PROVIDER system pushes a file (the provider is its user); other roles are refused. */
    @Transactional
    public FeedImportView push(Actor actor, String fileName, FeedParser.Format format, byte[] content) {
        if (!actor.is(Role.DATA_PROVIDER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only data-provider systems push feeds");
        }
        return importFile(actor.username(), "PUSH", fileName, format, content, actor.username());
    }

    /** An OPERATOR uploads a file received from a provider, naming the provider. */
    @Transactional
    public FeedImportView upload(Actor actor, String provider, String fileName, FeedParser.Format format, byte[] content) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators upload feed files");
        }
        if (provider == null || !PROVIDER.matcher(provider.strip()).matches()) {
            throw Rejection.invalid("provider", "name the provider (1 to 64 letters, digits, spaces, . _ - ( ))");
        }
        return importFile(provider.strip(), "UPLOAD", fileName, format, content, actor.username());
    }

    /** The watched-folder job imports a file; the provider is the part of its name before "__" (else "folder"). */
    @Transactional
    public FeedImportView importFromFolder(String fileName, FeedParser.Format format, byte[] content) {
        int split = fileName.indexOf("__");
        String provider = split > 0 ? fileName.substring(0, split) : "folder";
        return importFile(provider, "FOLDER", fileName, format, content, "system:feed-folder");
    }

    private FeedImportView importFile(String provider, String channel, String fileName, FeedParser.Format format,
                                      byte[] content, String by) {
        String name = fileName == null || fileName.isBlank() ? "feed." + format.name().toLowerCase() : fileName.strip();
        if (!FILE_NAME.matcher(name).matches()) {
            throw Rejection.invalid("fileName", "a file name of 1 to 200 characters without slashes");
        }
        Instant now = clock.instant();
        List<FeedRecord> records = FeedParser.parse(format, content, today(now));
        String sha = Sha256.hex(content);
        FeedImportView claimed = new FeedImportView(ids.next(), sha, provider, channel, name, format.name(), records.size(),
                0, 0, 0, 0, now, by, false);
        if (!repository.insertFile(claimed)) {
            return repository.fileBySha(sha).orElseThrow().asRepeat();
        }
        Counts counts = new Counts();
        Set<UUID> listed = new LinkedHashSet<>();
        List<Runnable> closureTriggers = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            write(records.subList(from, Math.min(records.size(), from + CHUNK)), claimed, counts, listed, closureTriggers);
        }
        repository.updateFileCounts(claimed.id(), counts.imported, counts.unchanged, counts.corrected, counts.quarantined);
        closureTriggers.forEach(Runnable::run);
        for (ListFlags.Hit hit : listFlags.apply(List.copyOf(listed))) {
            alerts.raise(new AlertBook.NewAlert(hit.merchant(), AlertKind.LIST_HIT, hit.entry().list() + " "
                    + hit.entry().reference() + " (" + hit.entry().provider() + ")",
                    List.of(MessageArgument.key("risk.source.feed." + hit.entry().list()), hit.entry().reference(),
                            hit.entry().provider()), null, null, null,
                    "list:" + hit.merchant().id() + ":" + hit.entry().list() + ":" + hit.entry().reference()));
        }
        FeedImportView imported = new FeedImportView(claimed.id(), sha, provider, channel, name, format.name(),
                records.size(), counts.imported, counts.unchanged, counts.corrected, counts.quarantined, now, by, false);
        audit.record("risk.feed-imported", "feed-file", claimed.id(), null, imported);
        return imported;
    }

    private static final class Counts {
        int imported;
        int unchanged;
        int corrected;
        int quarantined;
    }

    private void write(List<FeedRecord> chunk, FeedImportView file, Counts counts, Set<UUID> listed,
                       List<Runnable> closureTriggers) {
        Map<String, MerchantView> known = merchants.findByCreditCodes(chunk.stream().map(FeedRecord::creditCode)
                .collect(java.util.stream.Collectors.toSet()));
        List<FeedRecord> forKnown = new ArrayList<>();
        for (FeedRecord record : chunk) {
            if (known.containsKey(record.creditCode())) {
                forKnown.add(record);
            } else {
                repository.quarantine(ids.next(), file.id(), record, UNKNOWN_CODE, file.provider(), file.receivedAt());
                counts.quarantined++;
            }
        }
        Map<String, FeedRepository.Stored> stored = repository.stored(forKnown);
        List<FeedRepository.NewRecord> fresh = new ArrayList<>();
        List<FeedRepository.Correction> corrections = new ArrayList<>();
        for (FeedRecord record : forKnown) {
            FeedRepository.Stored before = stored.get(record.key());
            if (before == null) {
                fresh.add(new FeedRepository.NewRecord(ids.next(), known.get(record.creditCode()).id(), record));
            } else if (sameContent(before, record)) {
                counts.unchanged++;
            } else {
                corrections.add(new FeedRepository.Correction(before, record, ids.next()));
            }
            if (record.type().shape() == FeedType.Shape.LIST && (before == null || !sameContent(before, record))) {
                listed.add(known.get(record.creditCode()).id());
            }
            closureTrigger(record).ifPresent(trigger -> closureTriggers.add(() -> merchantTriggers.recordFromFeed(
                    known.get(record.creditCode()).id(), trigger, record.periodStart(), record.reference(), file.provider())));
        }
        int inserted = repository.insertRecords(fresh, file.provider(), file.id(), file.receivedAt());
        counts.imported += inserted;
        counts.unchanged += fresh.size() - inserted;
        repository.correct(corrections, file.provider(), file.id(), file.receivedAt());
        counts.corrected += corrections.size();
    }

    /** A licence revocation or bankruptcy starts the merchant's closure path (issue 10; insurance records it). */
    private static java.util.Optional<org.fangxin.insurance.ClosureTrigger> closureTrigger(FeedRecord record) {
        return switch (record.type()) {
            case LICENCE_REVOKED -> java.util.Optional.of(org.fangxin.insurance.ClosureTrigger.LICENCE_REVOKED);
            case BANKRUPTCY -> java.util.Optional.of(org.fangxin.insurance.ClosureTrigger.BANKRUPTCY);
            default -> java.util.Optional.empty();
        };
    }

    private static boolean sameContent(FeedRepository.Stored stored, FeedRecord record) {
        return java.util.Objects.equals(stored.value(), record.value()) && java.util.Objects.equals(stored.status(), record.status())
                && stored.note().equals(record.note());
    }

    // ------------------------------------------------------------------ reading and the quarantine

    /** OPERATOR or REGULATOR: the latest files, newest first. */
    @Transactional(readOnly = true)
    public List<FeedImportView> files(Actor actor, int limit) {
        requireRole(actor, Role.OPERATOR, Role.REGULATOR);
        return repository.files(size(limit));
    }

    /** OPERATOR: quarantined records (open ones only, or all), newest first. */
    @Transactional(readOnly = true)
    public List<QuarantineView> quarantine(Actor actor, boolean openOnly, int limit) {
        requireRole(actor, Role.OPERATOR);
        return repository.quarantined(openOnly, size(limit));
    }

    /** OPERATOR: imports a quarantined record now that its merchant is registered; 409 while the code is unknown. */
    @Transactional
    public QuarantineView release(Actor actor, UUID quarantineId) {
        requireRole(actor, Role.OPERATOR);
        QuarantineView held = open(quarantineId);
        MerchantView merchant = merchants.findByCreditCodes(List.of(held.creditCode())).get(held.creditCode());
        if (merchant == null) {
            throw new Rejection(STILL_UNKNOWN, "credit code " + held.creditCode() + " still names no merchant");
        }
        Instant now = clock.instant();
        FeedRecord record = FeedRepository.recordOf(held);
        Map<String, FeedRepository.Stored> stored = repository.stored(List.of(record));
        FeedRepository.Stored before = stored.get(record.key());
        if (before == null) {
            repository.insertRecords(List.of(new FeedRepository.NewRecord(ids.next(), merchant.id(), record)),
                    held.provider(), held.fileId(), now);
        } else if (!sameContent(before, record)) {
            repository.correct(List.of(new FeedRepository.Correction(before, record, ids.next())), held.provider(),
                    held.fileId(), now);
        }
        repository.resolve(quarantineId, "RELEASED", actor.username(), now);
        if (record.type().shape() == FeedType.Shape.LIST) {
            listFlags.apply(List.of(merchant.id()));
        }
        audit.record("risk.quarantine-released", "quarantine", quarantineId, held, Map.of("merchantId", merchant.id()));
        return found(quarantineId);
    }

    /** OPERATOR: drops a quarantined record for good, with a reason. */
    @Transactional
    public QuarantineView discard(Actor actor, UUID quarantineId, String reason) {
        requireRole(actor, Role.OPERATOR);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Rejection.invalid("reason", "give a reason of at most 500 characters");
        }
        QuarantineView held = open(quarantineId);
        repository.resolve(quarantineId, "DISCARDED", actor.username(), clock.instant());
        audit.record("risk.quarantine-discarded", "quarantine", quarantineId, held, Map.of("reason", reason.strip()));
        return found(quarantineId);
    }

    private QuarantineView open(UUID id) {
        QuarantineView held = found(id);
        if (held.resolvedAt() != null) {
            throw new Rejection(QUARANTINE_RESOLVED, "this record was " + held.resolution().toLowerCase() + " already");
        }
        return held;
    }

    private QuarantineView found(UUID id) {
        return repository.lockQuarantined(id).orElseThrow(() -> Rejection.notFound("quarantined record"));
    }

    private static void requireRole(Actor actor, Role... roles) {
        if (!actor.is(roles)) {
            throw new Rejection(ProblemType.FORBIDDEN, "your role may not do this with risk feeds");
        }
    }

    private static int size(int limit) {
        return Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
    }

    private LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, RiskScores.ZONE);
    }
}
