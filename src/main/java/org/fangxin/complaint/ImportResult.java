package org.fangxin.complaint;

import java.util.List;

/** What an import of 12315 complaints did: the cases opened (their numbers) and the rows already imported before. */
public record ImportResult(int imported, int duplicates, List<String> caseNumbers) {

    public ImportResult {
        caseNumbers = List.copyOf(caseNumbers);
    }
}
