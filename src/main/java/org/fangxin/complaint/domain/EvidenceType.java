package org.fangxin.complaint.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The file types accepted as evidence, recognised by their first bytes (magic numbers), never by the name alone:
 * JPEG, PNG, WebP images and PDF documents. A name whose extension names another of these types than the bytes are is
 * refused too, so a renamed file cannot pass as something else.
 */
public enum EvidenceType {
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    PDF("application/pdf", "pdf");

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

    private final String contentType;
    private final String[] extensions;

    EvidenceType(String contentType, String... extensions) {
        this.contentType = contentType;
        this.extensions = extensions;
    }

    public String contentType() {
        return contentType;
    }

    /** The type the bytes are, if one of the accepted ones. */
    public static Optional<EvidenceType> sniff(byte[] bytes) {
        if (startsWith(bytes, JPEG_MAGIC, 0)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_MAGIC, 0)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, new byte[] {'R', 'I', 'F', 'F'}, 0) && startsWith(bytes, new byte[] {'W', 'E', 'B', 'P'}, 8)) {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, PDF_MAGIC, 0)) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** The accepted type a file name's extension names, if any (a name without one, or another extension, names none). */
    public static Optional<EvidenceType> named(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (EvidenceType type : values()) {
            for (String candidate : type.extensions) {
                if (candidate.equals(extension)) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int offset) {
        if (bytes == null || bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
