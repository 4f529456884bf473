package org.fangxin.risk.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.risk.FeedImportView;
import org.fangxin.risk.QuarantineView;
import org.fangxin.risk.RiskFeeds;
import org.fangxin.risk.feed.FeedMalformed;
import org.fangxin.risk.feed.FeedParser;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Feeds over HTTP: a DATA_PROVIDER system pushes a file as the request body ({@code text/csv} or
 * {@code application/json}, optional {@code X-File-Name}); operators upload one (multipart) and work the quarantine.
 * A new file answers 201, a repeated file 200 with {@code repeated: true}.
 */
@RestController
class RiskFeedApiController {

    /** The body is neither {@code text/csv} nor {@code application/json}. */
    static final ProblemType UNSUPPORTED_FORMAT = new ProblemType("unsupported-feed-format", 415);

    private final RiskFeeds feeds;

    RiskFeedApiController(RiskFeeds feeds) {
        this.feeds = feeds;
    }

    record Discard(@NotNull @Size(max = 500) String reason) { }

    @PostMapping("/api/v1/risk/feeds")
    ResponseEntity<FeedImportView> push(Actor actor, HttpServletRequest request,
                                        @RequestHeader(name = "X-File-Name", required = false) String fileName) throws IOException {
        FeedParser.Format format = format(request.getContentType(), fileName);
        byte[] content = bounded(request.getInputStream());
        return answer(feeds.push(actor, fileName, format, content));
    }

    @PostMapping(path = "/api/v1/risk/feeds/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FeedImportView> upload(Actor actor, @RequestPart("file") MultipartFile file,
                                          @RequestParam(required = false) String provider) throws IOException {
        String name = file.getOriginalFilename();
        FeedParser.Format format = format(file.getContentType(), name);
        return answer(feeds.upload(actor, provider, name, format, bounded(file.getInputStream())));
    }

    @GetMapping("/api/v1/risk/feeds")
    List<FeedImportView> files(Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return feeds.files(actor, limit);
    }

    @GetMapping("/api/v1/risk/quarantine")
    List<QuarantineView> quarantine(Actor actor, @RequestParam(defaultValue = "true") boolean open,
                                    @RequestParam(defaultValue = "100") int limit) {
        return feeds.quarantine(actor, open, limit);
    }

    @PostMapping("/api/v1/risk/quarantine/{id}/release")
    QuarantineView release(Actor actor, @PathVariable UUID id) {
        return feeds.release(actor, id);
    }

    @PostMapping("/api/v1/risk/quarantine/{id}/discard")
    QuarantineView discard(Actor actor, @PathVariable UUID id, @Valid @RequestBody Discard body) {
        return feeds.discard(actor, id, body.reason());
    }

    /** The format from the content type, else from the file name's extension. */
    static FeedParser.Format format(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        String name = fileName == null ? "" : fileName.toLowerCase();
        if (type.startsWith("text/csv") || (!type.contains("json") && name.endsWith(".csv"))) {
            return FeedParser.Format.CSV;
        }
        if (type.startsWith("application/json") || name.endsWith(".json")) {
            return FeedParser.Format.JSON;
        }
        throw new Rejection(UNSUPPORTED_FORMAT, "send text/csv or application/json (or a .csv / .json file)");
    }

    /** Reads at most the parser's limit plus one byte, so an oversized body is refused without holding all of it. */
    static byte[] bounded(InputStream in) throws IOException {
        byte[] content = in.readNBytes(FeedParser.BYTES_MAX + 1);
        if (content.length > FeedParser.BYTES_MAX) {
            throw new FeedMalformed(0, "file", "the file is larger than " + FeedParser.BYTES_MAX + " bytes");
        }
        return content;
    }

    private static ResponseEntity<FeedImportView> answer(FeedImportView view) {
        return ResponseEntity.status(view.repeated() ? 200 : 201).body(view);
    }
}
