package org.fangxin.bank;

import java.util.List;
import java.util.Optional;
import org.fangxin.shared.ProblemType;

/**
 * The custodian bank as the platform sees it. Instructions go out as ISO 20022 pain.001 files
 * ({@link #receiveFile}); the bank answers with documents the platform fetches in order ({@link #documentsAfter}):
 * pain.002 status reports and end-of-day camt.053 statements. A file's message id is its idempotency key (the same
 * file again executes nothing; another file under the same id is refused), and within files the end-to-end id is the
 * key of each instruction. The single-instruction calls ({@link #submit}, {@link #status}) remain for callers that
 * hand over one instruction at a time.
 */
public interface BankPort {

    /** Hands a payout to the bank; idempotent by {@link PayoutInstruction#endToEndId()}. */
    InstructionStatus submit(PayoutInstruction instruction);

    /** What the bank says about an instruction it received; empty when it never received it. */
    Optional<InstructionStatus> status(String endToEndId);

    /**
     * Delivers a pain.001 file with the SHA-256 (lower-case hex) of its bytes. Idempotent by message id: the same
     * file again answers the first receipt, marked replayed. Refused: checksum not matching the bytes
     * ({@link #FILE_CHECKSUM_MISMATCH}), a malformed file ({@link #FILE_MALFORMED}), another file under a message id
     * already used ({@link #MESSAGE_ID_REUSED}).
     */
    FileReceipt receiveFile(String messageId, byte[] content, String sha256Hex);

    /** Documents the bank produced after the given sequence number (0 for all), oldest first, at most {@code limit}. */
    List<BankDocument> documentsAfter(long sequence, int limit);

    /** The end-to-end id was already used for an instruction with other content. */
    ProblemType END_TO_END_ID_REUSED = new ProblemType("end-to-end-id-reused", 409);
    ProblemType FILE_CHECKSUM_MISMATCH = new ProblemType("file-checksum-mismatch", 422);
    ProblemType FILE_MALFORMED = new ProblemType("instruction-file-malformed", 400);
    ProblemType MESSAGE_ID_REUSED = new ProblemType("message-id-reused", 409);
}
