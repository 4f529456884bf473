package org.fangxin.ledger.web;

import org.fangxin.identity.Actor;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sharded profile: the platform's and insurers' accounts summed over the shards, with each shard's invariant check. */
@RestController
@Profile("sharded")
class ShardedLedgerApiController {

    private final PlatformBooksOverShards books;

    ShardedLedgerApiController(PlatformBooksOverShards books) {
        this.books = books;
    }

    @GetMapping("/api/v1/ledger/shards")
    PlatformBooksOverShards.View shards(Actor actor) {
        LedgerAccess.requireReader(actor);
        return books.read();
    }
}
