package org.fangxin.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes for short secrets (6-digit codes, ID numbers): a plain SHA-256 of a value with so few possibilities
 * is reversed by enumeration, an HMAC under a server key is not. Production must set {@code fangxin.identity.hmac-key}.
 */
@Component
class Secrets {

    private final SecretKeySpec key;

    Secrets(@Value("${fangxin.identity.hmac-key:}") String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("fangxin.identity.hmac-key (FANGXIN_IDENTITY_HMAC_KEY) is not set");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** HMAC-SHA256 in hex; {@code purpose} separates the uses so one hash can never stand in for another. */
    String hmac(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((purpose + '\u0000' + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time, so response timing does not reveal how much of a code matched. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        return org.fangxin.shared.Sha256.hex(text);
    }
}
