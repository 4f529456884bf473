package org.fangxin.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.ApiKeys;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ApiKeyApiController {

    private final ApiKeys keys;
    private final Idempotency idempotency;

    ApiKeyApiController(ApiKeys keys, Idempotency idempotency) {
        this.keys = keys;
        this.idempotency = idempotency;
    }

    record CreateApiKey(@NotNull UUID userId, @NotBlank @Size(max = 100) String label) { }

    /**
     * Creates a key; the answer holds the key, the only time it is shown. An idempotent replay therefore answers
     * without it (the stored answer never contains the secret).
     */
    @PostMapping("/api/v1/identity/api-keys")
    ResponseEntity<Object> create(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody CreateApiKey request) {
        if (key == null || key.isBlank()) {
            return ResponseEntity.status(201).body(keys.create(actor, request.userId(), request.label()));
        }
        ApiKeys.CreatedApiKey[] created = new ApiKeys.CreatedApiKey[1];
        var answer = idempotency.execute(actor.scope(), key, false, request, () -> {
            created[0] = keys.create(actor, request.userId(), request.label());
            return Idempotency.Answer.of(201, created[0].apiKey());
        });
        Object body = answer.replayed() ? answer.body() : created[0];
        return ResponseEntity.status(answer.status()).header(Idempotency.REPLAYED_HEADER, String.valueOf(answer.replayed())).body(body);
    }

    @GetMapping("/api/v1/identity/api-keys")
    List<ApiKeys.ApiKeyView> list(Actor actor) {
        return keys.list(actor);
    }

    @PostMapping("/api/v1/identity/api-keys/{id}/revoke")
    ResponseEntity<Object> revoke(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return idempotency.execute(actor.scope(), key, false, new Revocation(id),
                () -> Idempotency.Answer.of(200, keys.revoke(actor, id))).toResponse();
    }

    /** What an idempotency key of a revocation covers: the key revoked. */
    record Revocation(UUID apiKeyId) { }
}
