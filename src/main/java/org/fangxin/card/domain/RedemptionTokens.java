package org.fangxin.card.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed token a QR code carries: the redemption code's id and expiry, signed with HMAC-SHA256 under a server key,
 * so staff scanning it need not type the short code and a forged or altered token is refused before any lookup.
 */
public final class RedemptionTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int TOKEN_LENGTH_MAX = 200;

    private final byte[] key;

    public RedemptionTokens(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the token key needs at least 16 characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** What a valid token names. */
    public record Claim(UUID codeId, Instant expiresAt) { }

    public String sign(UUID codeId, Instant expiresAt) {
        String payload = codeId + "." + expiresAt.getEpochSecond();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claim of a genuine token; empty for anything malformed, forged or altered (expiry is the caller's check). */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > TOKEN_LENGTH_MAX) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\.");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new Claim(UUID.fromString(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("fangxin.card.redemption-token\u0000" + payload).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
