package org.fangxin.oversight.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.oversight.BalanceFeed;
import org.fangxin.oversight.FeedManifest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervision feed over HTTP (docs/oversight.md): a platform pulls a day's JSON lines and their signature file with
 * the API key of its REGULATOR system user; the public key is public.
 */
@RestController
class FeedController {

    private final BalanceFeed feed;

    FeedController(BalanceFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/api/v1/oversight/feed")
    void lines(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
               @RequestParam(required = false) String region, @RequestParam(required = false) String sector,
               HttpServletResponse response) throws IOException {
        feed.manifest(actor, day, region, sector);   // refuses (scope, day, key) before the answer starts
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + day + ".jsonl\"");
        response.setHeader("Cache-Control", "no-store");
        feed.write(actor, day, region, sector, response.getOutputStream());
    }

    @GetMapping("/api/v1/oversight/feed/signature")
    FeedManifest signature(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                           @RequestParam(required = false) String region, @RequestParam(required = false) String sector) {
        return feed.manifest(actor, day, region, sector);
    }

    /** Public: the key the feed is signed with (PEM) and its id. */
    @GetMapping("/api/v1/public/oversight/feed-key")
    Map<String, String> key() {
        return feed.publicKey();
    }
}
