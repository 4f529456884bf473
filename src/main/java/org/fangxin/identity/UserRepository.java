package org.fangxin.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, display_name, role, merchant_id, sector, mobile, enabled, created_at, region_code";
    private static final String TOKEN_COLUMNS =
            "u.id, u.username, u.display_name, u.role, u.merchant_id, u.sector, u.mobile, u.enabled, u.created_at, u.region_code";

    record Credentials(UserAccount account, String passwordHash) { }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UserAccount account, String passwordHash) {
        jdbc.sql("""
                insert into identity.user_account (id, username, display_name, role, merchant_id, sector, mobile, enabled, created_at,
                                                   password_hash, region_code)
                values (:id, :username, :displayName, :role, :merchantId, :sector, :mobile, :enabled, :createdAt,
                        :passwordHash, :regionCode)
                """)
                .param("id", account.id())
                .param("username", account.username())
                .param("displayName", account.displayName())
                .param("role", account.role().name())
                .param("merchantId", account.merchantId())
                .param("sector", account.sector())
                .param("mobile", account.mobile())
                .param("enabled", account.enabled())
                .param("createdAt", Timestamp.from(account.createdAt()))
                .param("passwordHash", passwordHash)
                .param("regionCode", account.regionCode())
                .update();
    }

    Optional<UserAccount> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where id = :id")
                .param("id", id).query(UserRepository::toAccount).optional();
    }

    /** The account behind a live access token (by the token's SHA-256), in one statement. */
    Optional<UserAccount> findByLiveToken(String tokenSha256, Instant now) {
        return jdbc.sql("select " + TOKEN_COLUMNS + """
                  from identity.access_token t join identity.user_account u on u.id = t.user_id
                 where t.token_sha256 = :hash and t.expires_at > :now and t.revoked_at is null
                """)
                .param("hash", tokenSha256).param("now", Timestamp.from(now))
                .query(UserRepository::toAccount).optional();
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where username = :username")
                .param("username", username).query(UserRepository::toAccount).optional();
    }

    Optional<UserAccount> findByMobile(String mobile) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where mobile = :mobile")
                .param("mobile", mobile).query(UserRepository::toAccount).optional();
    }

    void setEnabled(UUID id, boolean enabled) {
        jdbc.sql("update identity.user_account set enabled = :enabled where id = :id")
                .param("enabled", enabled).param("id", id).update();
    }

    List<UserAccount> withRole(Role role, int limit) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where role = :role order by created_at desc limit :limit")
                .param("role", role.name()).param("limit", limit).query(UserRepository::toAccount).list();
    }

    Optional<RealNameView> findRealName(UUID userId) {
        return jdbc.sql("select full_name, id_number_masked, verified_at from identity.real_name where user_id = :id")
                .param("id", userId)
                .query((rs, n) -> new RealNameView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    boolean realNameHmacTaken(String hmac) {
        return jdbc.sql("select exists (select 1 from identity.real_name where id_number_hmac = :hmac)")
                .param("hmac", hmac).query(Boolean.class).single();
    }

    void insertRealName(UUID userId, RealNameView view, String hmac) {
        jdbc.sql("""
                insert into identity.real_name (user_id, full_name, id_number_masked, id_number_hmac, verified_at)
                values (:id, :name, :masked, :hmac, :at)
                """)
                .param("id", userId).param("name", view.fullName()).param("masked", view.idNumberMasked())
                .param("hmac", hmac).param("at", Timestamp.from(view.verifiedAt()))
                .update();
    }

    Optional<Credentials> findCredentials(String username) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from identity.user_account where username = :username")
                .param("username", username)
                .query((rs, n) -> new Credentials(toAccount(rs, n), rs.getString("password_hash")))
                .optional();
    }

    List<UserAccount> ofMerchant(UUID merchantId) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where merchant_id = :merchantId order by created_at")
                .param("merchantId", merchantId).query(UserRepository::toAccount).list();
    }

    static UserAccount toAccount(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getObject("merchant_id", UUID.class), rs.getString("sector"),
                rs.getString("mobile"), rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("region_code"));
    }
}
