package org.fangxin.notification;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.RegionCode;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends messages to users (their inbox, which delivery channels follow by a cursor: {@link NoticeDelivery}) and lets
 * each user read only their own inbox, in their language. Business code does not call it: a listener of the publishing
 * module sends after commit (ADR 11).
 */
@Service
public class Notifications {

    /** The language of readers who chose none, and of the stored text that delivery channels send. */
    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

    public static final int SUBJECT_LENGTH_MAX = 200;
    public static final int BODY_LENGTH_MAX = 4000;
    public static final int PAGE_SIZE_MAX = 100;

    // No outbox row: channels read the messages by a cursor (NoticeDelivery).
    private static final String INSERT = """
            insert into notification.message (id, user_id, subject, body, message_key, arguments, dedup_key, sent_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (dedup_key) do nothing
            """;

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final MessageSource messages;
    private final Users users;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final Shards shards;

    Notifications(JdbcClient jdbc, IdGenerator ids, Clock clock, MessageSource messages, Users users,
                  org.springframework.jdbc.core.JdbcTemplate template, Shards shards) {
        this.shards = shards;
        this.jdbc = jdbc;
        this.template = template;
        this.ids = ids;
        this.clock = clock;
        this.messages = messages;
        this.users = users;
    }

    /**
     * Puts a notice in the user's inbox, which the delivery channels follow; a second notice with the same dedup key is a no-op
     * (a redelivered event). Its key must exist in the bundles (an unknown key is a programming error).
     */
    @Transactional
    public void send(Notice notice) {
        insert(row(notice));
    }

    /**
     * Sends the notice to each MERCHANT_OWNER of the merchant, with dedup key {@code <dedupPrefix>:<userId>}; answers
     * how many owners there are.
     */
    @Transactional
    public int sendToMerchantOwners(UUID merchantId, String key, String dedupPrefix, Instant at, Object... arguments) {
        return sendToMerchant(merchantId, true, key, dedupPrefix, at, arguments);
    }

    /** As {@link #sendToMerchantOwners}, to all the merchant's people (owners and staff). */
    @Transactional
    public int sendToMerchantPeople(UUID merchantId, String key, String dedupPrefix, Instant at, Object... arguments) {
        return sendToMerchant(merchantId, false, key, dedupPrefix, at, arguments);
    }

    private int sendToMerchant(UUID merchantId, boolean ownersOnly, String key, String dedupPrefix, Instant at,
                               Object... arguments) {
        int sent = 0;
        for (UserAccount user : users.ofMerchant(merchantId)) {
            if (!ownersOnly || user.is(Role.MERCHANT_OWNER)) {
                send(Notice.of(user.id(), key, dedupPrefix + ":" + user.id(), at, arguments));
                sent++;
            }
        }
        return sent;
    }

    /**
     * Puts one notice in the role inbox of {@code role}: every member sees it in their inbox (read, as it is shared),
     * in their language; with a {@code sector}, only members of that sector and those without one (market-wide
     * regulators); with a {@code regionCode} (the merchant's), only members whose region contains it and those
     * without one (nationwide). One row whatever the number of members; a second send with the same dedup key is a
     * no-op.
     */
    @Transactional
    public void sendToRole(Role role, String sector, String regionCode, String key, String dedupKey, Instant at,
                           Object... arguments) {
        Object[] rendered = Arrays.stream(arguments).map(Notice::render).toArray();
        jdbc.sql("""
                insert into notification.role_message (id, role, sector, region_code, subject, body, message_key,
                    arguments, dedup_key, sent_at)
                values (:id, :role, :sector, :region, :subject, :body, :key, cast(:arguments as text[]), :dedup, :at)
                on conflict (dedup_key) do nothing
                """)
                .param("id", ids.next()).param("role", role.name()).param("sector", sector)
                .param("region", regionCode)
                .param("subject", truncate(messages.getMessage(key + ".subject", rendered, DEFAULT_LOCALE), SUBJECT_LENGTH_MAX))
                .param("body", truncate(messages.getMessage(key + ".body", rendered, DEFAULT_LOCALE), BODY_LENGTH_MAX))
                .param("key", key).param("arguments", Arrays.copyOf(rendered, rendered.length, String[].class))
                .param("dedup", dedupKey).param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Puts a text typed by a person (not a system notice: those are {@link Notice}s) in the user's inbox, as written.
     * A {@code dedupKey} makes a repeated send a no-op; null sends unconditionally.
     */
    @Transactional
    public void send(UUID userId, String subject, String body, String dedupKey) {
        if (userId == null || subject == null || subject.isBlank() || body == null) {
            throw new IllegalArgumentException("a notification needs a user, a subject and a body");
        }
        insert(new Row(userId, subject, body, null, List.of(), dedupKey, clock.instant()));
    }

    /**
     * {@link #send(Notice)} for many notices in one statement per 1,000 (bulk jobs: a closure's planned and paid
     * notices, redemption notices; arrays unnested by PostgreSQL), each deduplicated by its key as a single send would
     * be. Stored compact: the key and its arguments only, no rendered text (rendered when read, in the reader's
     * language, and for a delivery channel by {@link NoticeDelivery}): a closure of 100,000 cards wrote 200,000 rows of ≈ 590
     * bytes, two thirds of them the zh-CN text (issue 15, session 12); no outbox row either (session 13). Each key is
     * checked against the bundle once.
     */
    @Transactional
    public void sendAll(List<Notice> notices) {
        notices.stream().filter(distinctKeys()).forEach(this::row); // an unknown key throws, as a single send does
        for (int from = 0; from < notices.size(); from += 1_000) {
            insertAll(notices.subList(from, Math.min(notices.size(), from + 1_000)).stream().map(Notifications::compact)
                    .toList());
        }
    }

    private static java.util.function.Predicate<Notice> distinctKeys() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return notice -> seen.add(notice.key());
    }

    /** A bulk notice's row: no stored text (empty, the columns are not null); {@link #view} renders it from its key. */
    private static Row compact(Notice notice) {
        return new Row(notice.userId(), "", "", notice.key(), notice.arguments(), notice.dedupKey(), notice.at());
    }

    /** The rows' arguments travel flattened in one array; row i's are the slice [first[i], last[i]] (1-based). */
    private void insertAll(List<Row> rows) {
        int[] first = new int[rows.size()];
        int[] last = new int[rows.size()];
        List<String> arguments = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            first[i] = arguments.size() + 1;
            arguments.addAll(rows.get(i).arguments());
            last[i] = arguments.size();
        }
        jdbc.sql("""
                insert into notification.message (id, user_id, subject, body, message_key, arguments, dedup_key, sent_at)
                select r.id, r.user_id, r.subject, r.body, r.message_key,
                       coalesce((cast(:arguments as text[]))[r.first_arg : r.last_arg], '{}'), r.dedup_key, r.sent_at
                  from unnest(:ids, :users, :subjects, :bodies, :keys, :firstArgs, :lastArgs, :dedups, cast(:ats as timestamptz[]))
                       with ordinality as r(id, user_id, subject, body, message_key, first_arg, last_arg, dedup_key, sent_at, n)
                 order by r.n
                on conflict (dedup_key) do nothing
                """)
                .param("ids", rows.stream().map(r -> ids.next()).toArray(UUID[]::new))
                .param("users", rows.stream().map(Row::userId).toArray(UUID[]::new))
                .param("subjects", rows.stream().map(r -> truncate(r.subject(), SUBJECT_LENGTH_MAX)).toArray(String[]::new))
                .param("bodies", rows.stream().map(r -> truncate(r.body(), BODY_LENGTH_MAX)).toArray(String[]::new))
                .param("keys", rows.stream().map(Row::key).toArray(String[]::new))
                .param("firstArgs", first).param("lastArgs", last).param("arguments", arguments.toArray(String[]::new))
                .param("dedups", rows.stream().map(Row::dedupKey).toArray(String[]::new))
                .param("ats", rows.stream().map(r -> r.at().toString()).toArray(String[]::new))
                .update();
    }

    /** One message as stored: a notice's subject and body rendered in the default language, or a typed text. */
    private record Row(UUID userId, String subject, String body, String key, List<String> arguments, String dedupKey,
                       Instant at) { }

    private Row row(Notice notice) {
        Object[] arguments = notice.arguments().toArray();
        return new Row(notice.userId(), messages.getMessage(notice.key() + ".subject", arguments, DEFAULT_LOCALE),
                messages.getMessage(notice.key() + ".body", arguments, DEFAULT_LOCALE), notice.key(), notice.arguments(),
                notice.dedupKey(), notice.at());
    }

    private void insert(Row row) {
        template.update(INSERT, ps -> bind(ps, row));
    }

    private void bind(PreparedStatement ps, Row row) throws SQLException {
        ps.setObject(1, ids.next());
        ps.setObject(2, row.userId());
        ps.setString(3, truncate(row.subject(), SUBJECT_LENGTH_MAX));
        ps.setString(4, truncate(row.body(), BODY_LENGTH_MAX));
        ps.setString(5, row.key());
        ps.setArray(6, ps.getConnection().createArrayOf("text", row.arguments().toArray()));
        ps.setString(7, row.dedupKey());
        ps.setTimestamp(8, Timestamp.from(row.at()));
    }

    @Transactional
    public void send(UUID userId, String subject, String body) {
        send(userId, subject, body, null);
    }

    /** The actor's own messages, newest first, in Chinese (the default language). */
    public List<NotificationView> inbox(Actor actor, int limit) {
        return inbox(actor, limit, DEFAULT_LOCALE);
    }

    /**
     * The actor's own messages, newest first, in the reader's language. A notice is written where its event's listener
     * ran, on the merchant's shard in the sharded profile: each shard answers its newest, and the merge is cut (ADR 12 §8f).
     */
    public List<NotificationView> inbox(Actor actor, int limit, Locale locale) {
        return shards.page((offset, rows) -> inboxOfShard(actor, rows, locale), NEWEST_FIRST, 0,
                Math.min(Math.max(limit, 1), PAGE_SIZE_MAX));
    }

    private static final Comparator<NotificationView> NEWEST_FIRST = Comparator.comparing(NotificationView::sentAt)
            .thenComparing(view -> view.id().toString()).reversed();

    private List<NotificationView> inboxOfShard(Actor actor, int limit, Locale locale) {
        return jdbc.sql("""
                select id, user_id, subject, body, message_key, arguments, sent_at, read_at from notification.message
                 where user_id = :user
                union all
                select id, :user, subject, body, message_key, arguments, sent_at, sent_at from notification.role_message
                 where role = :role and (sector is null or cast(:sector as text) is null or sector = :sector)
                   and (region_code is null or cast(:regionPrefix as text) is null
                        or region_code like cast(:regionPrefix as text) || '%')
                order by sent_at desc, id desc limit :limit
                """)
                .param("user", actor.userId()).param("role", actor.role().name()).param("sector", actor.sector())
                .param("regionPrefix", actor.regionCode() == null ? null : RegionCode.prefix(actor.regionCode()))
                .param("limit", limit)
                .query((rs, n) -> view(rs, locale == null ? DEFAULT_LOCALE : locale))
                .list();
    }

    /** A keyed message in the reader's language; an unkeyed one, or one whose key left the bundle, as stored. */
    NotificationView view(ResultSet rs, Locale locale) throws SQLException {
        String subject = rs.getString("subject");
        String body = rs.getString("body");
        String key = rs.getString("message_key");
        if (key != null) {
            Array array = rs.getArray("arguments");
            Object[] arguments = (String[]) array.getArray();
            String localSubject = messages.getMessage(key + ".subject", arguments, null, locale);
            String localBody = messages.getMessage(key + ".body", arguments, null, locale);
            if (localSubject != null && localBody != null) {
                subject = truncate(localSubject, SUBJECT_LENGTH_MAX);
                body = truncate(localBody, BODY_LENGTH_MAX);
            } else if (subject.isEmpty()) { // a compact (bulk) notice whose key left the bundle: its key and arguments
                subject = key;
                body = String.join(" · ", (String[]) arguments);
            }
        }
        Timestamp read = rs.getTimestamp("read_at");
        return new NotificationView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), subject, body,
                rs.getTimestamp("sent_at").toInstant(), read == null ? null : read.toInstant());
    }

    public int unreadCount(Actor actor) {
        return shards.each(() -> jdbc.sql("select count(*) from notification.message where user_id = :user and read_at is null")
                .param("user", actor.userId()).query(Integer.class).single()).stream().mapToInt(Integer::intValue).sum();
    }

    /** Marks one of the actor's messages read; another user's message is "not found". */
    @Transactional
    public void markRead(Actor actor, UUID messageId) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = shards.each(() -> jdbc.sql("""
                update notification.message set read_at = coalesce(read_at, :now) where id = :id and user_id = :user
                """)
                .param("now", now).param("id", messageId).param("user", actor.userId())
                .update()).stream().mapToInt(Integer::intValue).sum(); // on whichever shard holds it
        if (updated == 0) {
            throw Rejection.notFound("notification " + messageId);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
