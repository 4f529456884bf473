package org.fangxin.risk.feed;

import java.util.Map;
import org.fangxin.risk.RiskFeeds;
import org.fangxin.shared.Rejection;

/** A feed file refused as a whole: {@code line} is the CSV line or JSON record number (0: the file itself). */
public class FeedMalformed extends Rejection {

    public FeedMalformed(int line, String field, String detail) {
        super(RiskFeeds.FEED_MALFORMED, (line > 0 ? "line " + line + ": " : "") + field + ": " + detail,
                Map.of("line", line, "field", field));
    }
}
