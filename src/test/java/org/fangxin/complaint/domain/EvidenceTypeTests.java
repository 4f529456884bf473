package org.fangxin.complaint.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvidenceTypeTests {

    @Test
    void recognisesAcceptedTypesByTheirBytes() {
        assertThat(EvidenceType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0})).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).contains(EvidenceType.PNG);
        assertThat(EvidenceType.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).contains(EvidenceType.WEBP);
        assertThat(EvidenceType.sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(EvidenceType.PDF);
    }

    @Test
    void refusesOtherContentWhateverItsName() {
        assertThat(EvidenceType.sniff("<html><script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EvidenceType.sniff(new byte[] {'M', 'Z', (byte) 0x90, 0})).isEmpty();
        assertThat(EvidenceType.sniff(new byte[] {(byte) 0xFF})).isEmpty();
        assertThat(EvidenceType.named("receipt.PDF")).contains(EvidenceType.PDF);
        assertThat(EvidenceType.named("photo.jpeg")).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.named("virus.exe")).isEmpty();
        assertThat(EvidenceType.named("no-extension")).isEmpty();
    }
}
