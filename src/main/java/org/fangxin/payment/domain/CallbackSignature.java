package org.fangxin.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a canonical string of a notification's fields, as mobile-payment gateways sign their callbacks:
 * the fields sorted by name, empty values and the signature itself left out, joined as {@code k=v&k=v}. The signed
 * fields include {@code timestamp} (epoch seconds) and {@code nonce}, so a captured message goes stale after the
 * window. Comparison is constant-time.
 */
public final class CallbackSignature {

    public static final String SIGNATURE_FIELD = "signature";
    public static final String TIMESTAMP_FIELD = "timestamp";
    public static final String NONCE_FIELD = "nonce";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SECRET_LENGTH_MIN = 16;

    private final byte[] secret;
    /** A keyed MAC per thread: looking the algorithm up and keying it on every callback costs more than the hash. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    public CallbackSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < SECRET_LENGTH_MIN) {
            throw new IllegalArgumentException("the signing secret must have at least " + SECRET_LENGTH_MIN + " characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** What gets signed: every non-empty field except the signature, sorted by name. */
    public static String canonical(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(field -> !SIGNATURE_FIELD.equals(field.getKey()))
                .filter(field -> field.getValue() != null && !field.getValue().isEmpty())
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining("&"));
    }

    /** The lower-case hex signature of the fields. */
    public String sign(Map<String, String> fields) {
        return HexFormat.of().formatHex(mac(canonical(fields)));
    }

    /** Whether {@code signature} (hex) is the fields' signature; constant-time, false for malformed hex. */
    public boolean matches(Map<String, String> fields, String signature) {
        if (signature == null || signature.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(canonical(fields)), given);
    }

    /** Whether the signed timestamp lies within {@code window} of now, either side (clocks drift both ways). */
    public static boolean fresh(Instant signedAt, Instant now, Duration window) {
        return !signedAt.isBefore(now.minus(window)) && !signedAt.isAfter(now.plus(window));
    }

    private byte[] mac(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)); // doFinal leaves the MAC reset for the next
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
