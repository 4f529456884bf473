package org.fangxin.oversight.feed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key the supervision feed is signed with (docs/oversight.md): {@code fangxin.oversight.feed.private-key}
 * (PKCS#8 DER, base64) and {@code fangxin.oversight.feed.public-key} (X.509 DER, base64), made with
 * {@code openssl genpkey -algorithm ed25519}. Without them the feed answers "not configured"; the demo and test
 * profiles carry a published demo key that must never sign a real feed.
 */
@Component
public class FeedKey {

    public static final ProblemType NOT_CONFIGURED = new ProblemType("oversight-feed-not-configured", 409);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    FeedKey(@Value("${fangxin.oversight.feed.private-key:}") String privateKey,
            @Value("${fangxin.oversight.feed.public-key:}") String publicKey) throws GeneralSecurityException {
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        this.privateKey = privateKey.isBlank() ? null
                : ed25519.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.trim())));
        this.publicKey = publicKey.isBlank() ? null
                : ed25519.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey.trim())));
    }

    public boolean configured() {
        return privateKey != null && publicKey != null;
    }

    /** The base64 Ed25519 signature of the text's UTF-8 bytes. */
    public String sign(String text) {
        require();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the feed key cannot sign", e);
        }
    }

    /** The public key as PEM (what a supervision platform verifies with). */
    public String publicKeyPem() {
        require();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** The first 16 hex digits of the public key's SHA-256: names the key in every manifest (keys rotate). */
    public String keyId() {
        require();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void require() {
        if (!configured()) {
            throw new Rejection(NOT_CONFIGURED, "the supervision feed has no signing key (fangxin.oversight.feed.*)");
        }
    }
}
