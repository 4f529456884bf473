package org.fangxin.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fangxin.identity.AccessTokens;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Users;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthApiController {

    static final ProblemType INVALID_CREDENTIALS = new ProblemType("invalid-credentials", 401);

    private final Users users;
    private final AccessTokens tokens;

    AuthApiController(Users users, AccessTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) { }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) { }

    record Me(String userId, String username, String role, String merchantId, String sector) { }

    /** Exchanges a username and password for a bearer token (for people; systems use API keys). */
    @PostMapping("/api/v1/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        var account = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> new Rejection(INVALID_CREDENTIALS, "wrong username or password"));
        var issued = tokens.issue(account);
        return new TokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds());
    }

    @GetMapping("/api/v1/me")
    Me me(Actor actor) {
        return new Me(actor.userId().toString(), actor.username(), actor.role().name(),
                actor.merchantId() == null ? null : actor.merchantId().toString(), actor.sector());
    }
}
