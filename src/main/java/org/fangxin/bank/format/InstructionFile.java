package org.fangxin.bank.format;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fangxin.shared.Money;

/**
 * A generated instruction file, ready to send: its exact bytes and their SHA-256, which is what gets signed and what
 * detects a second, different file under the same message id.
 */
public record InstructionFile(String messageId, String messageName, byte[] content, String sha256Hex,
                              int numberOfTransactions, Money controlSum) {

    public InstructionFile {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String contentAsText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstructionFile file && file.messageId.equals(messageId) && file.sha256Hex.equals(sha256Hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, sha256Hex);
    }

    @Override
    public String toString() {
        return messageName + " " + messageId + " (" + numberOfTransactions + " transactions, " + controlSum + ", sha256 " + sha256Hex + ")";
    }
}
