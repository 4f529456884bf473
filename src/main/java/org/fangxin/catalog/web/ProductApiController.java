package org.fangxin.catalog.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Actor;
import org.fangxin.rules.Violation;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductApiController {

    private final Products products;
    private final Idempotency idempotency;

    ProductApiController(Products products, Idempotency idempotency) {
        this.products = products;
        this.idempotency = idempotency;
    }

    /** The answer of a dry run: {@code ok} when the draft may be listed as it is. */
    record CheckResult(boolean ok, List<Violation> violations) { }

    @PostMapping("/api/v1/products")
    ResponseEntity<Object> create(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody ProductDraft draft) {
        var answer = idempotency.execute(actor.scope(), key, false, draft,
                () -> Idempotency.Answer.of(201, products.create(actor, draft)));
        return answer.toResponse();
    }

    @PostMapping("/api/v1/products/check")
    CheckResult check(Actor actor, @Valid @RequestBody ProductDraft draft) {
        List<Violation> violations = products.check(actor, draft);
        return new CheckResult(violations.isEmpty(), violations);
    }

    @GetMapping("/api/v1/products")
    List<ProductView> list(Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return products.list(actor, limit);
    }

    @GetMapping("/api/v1/public/products")
    List<ProductView> publicCatalog(@RequestParam(defaultValue = "50") int limit) {
        return products.publicCatalog(limit);
    }

    @GetMapping("/api/v1/products/{id}")
    ProductView view(Actor actor, @PathVariable UUID id) {
        return products.view(actor, id);
    }

    @GetMapping("/api/v1/products/{id}/versions")
    List<ContractVersionView> versions(Actor actor, @PathVariable UUID id) {
        return products.versions(actor, id);
    }

    @PostMapping("/api/v1/products/{id}/versions")
    ResponseEntity<Object> revise(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody ContractTerms terms) {
        var answer = idempotency.execute(actor.scope(), key, false, new Revision(id, terms),
                () -> Idempotency.Answer.of(201, products.revise(actor, id, terms)));
        return answer.toResponse();
    }

    @PostMapping("/api/v1/products/{id}/withdraw")
    ResponseEntity<Object> withdraw(Actor actor, @PathVariable UUID id,
                                    @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        // A retry with the same key answers the first withdrawal instead of "already withdrawn".
        return idempotency.execute(actor.scope(), key, false, new Withdrawal(id),
                () -> Idempotency.Answer.of(200, products.withdraw(actor, id))).toResponse();
    }

    @GetMapping("/api/v1/contracts/{versionId}")
    ContractVersionView contract(Actor actor, @PathVariable UUID versionId) {
        return products.contract(versionId);
    }

    /** What an idempotency key of a withdrawal covers: the product. */
    record Withdrawal(UUID productId) { }

    /** What an idempotency key of a revision covers: the product and the terms. */
    record Revision(UUID productId, ContractTerms terms) { }
}
