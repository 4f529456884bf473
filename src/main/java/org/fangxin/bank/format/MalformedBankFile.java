package org.fangxin.bank.format;

/**
 * A bank file (statement, status report) that cannot be read. Reading is all-or-nothing: when this is thrown, nothing
 * from the file was returned. The message names the line (when known) and what is wrong, for the operator.
 */
public class MalformedBankFile extends RuntimeException {

    private final String format;
    private final int lineNumber;
    private final String problem;

    public MalformedBankFile(String format, int lineNumber, String problem) {
        this(format, lineNumber, problem, null);
    }

    public MalformedBankFile(String format, int lineNumber, String problem, Throwable cause) {
        super(format + (lineNumber > 0 ? " line " + lineNumber : "") + ": " + problem, cause);
        this.format = format;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** The format being read, e.g. {@code camt.053.001.08} or {@code CSV}. */
    public String format() {
        return format;
    }

    /** 1-based line of the file where the problem was found; 0 when it concerns the file as a whole. */
    public int lineNumber() {
        return lineNumber;
    }

    public String problem() {
        return problem;
    }
}
