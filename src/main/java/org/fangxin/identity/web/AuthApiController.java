package org.fangxin.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.fangxin.identity.AccessTokens;
import org.fangxin.identity.Actor;
import org.fangxin.identity.OneTimeCodes;
import org.fangxin.identity.RealNameView;
import org.fangxin.identity.SmsOutbox;
import org.fangxin.identity.Users;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthApiController {

    static final ProblemType INVALID_CREDENTIALS = new ProblemType("invalid-credentials", 401);

    private final Users users;
    private final AccessTokens tokens;
    private final OneTimeCodes codes;
    private final SmsOutbox outbox;

    AuthApiController(Users users, AccessTokens tokens, OneTimeCodes codes, SmsOutbox outbox) {
        this.users = users;
        this.tokens = tokens;
        this.codes = codes;
        this.outbox = outbox;
    }

    static final String MOBILE = "1[3-9]\\d{9}";

    record OtpRequest(@NotBlank @Pattern(regexp = MOBILE, message = "a mainland mobile number: 11 digits starting 13 to 19") String mobile) { }

    record OtpVerifyRequest(@NotBlank @Pattern(regexp = MOBILE, message = "a mainland mobile number: 11 digits starting 13 to 19") String mobile,
                            @NotBlank @Pattern(regexp = "\\d{6}", message = "the code is 6 digits") String code,
                            Boolean consent) { }

    record OtpTokenResponse(String accessToken, String tokenType, long expiresIn, String userId, String username, boolean accountCreated) { }

    record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) { }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) { }

    record Me(String userId, String username, String role, String merchantId, String sector, boolean realNameVerified,
              RealNameView realName) { }

    /** The resident ID number is checked by the facade, which never echoes it. */
    record RealNameRequest(@NotBlank @Size(max = 40) String fullName, @NotBlank @Size(max = 18) String idNumber,
                           Boolean consent) { }

    /** Exchanges a username and password for a bearer token (for people; systems use API keys). */
    @PostMapping("/api/v1/auth/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        var account = users.authenticate(request.username(), request.password())
                .orElseThrow(() -> new Rejection(INVALID_CREDENTIALS, "wrong username or password"));
        var issued = tokens.issue(account);
        return new TokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds());
    }

    /** Sends a login code by SMS; the same answer whether or not the number has an account. */
    @PostMapping("/api/v1/auth/otp")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OneTimeCodes.CodeSent sendCode(@Valid @RequestBody OtpRequest request) {
        return codes.send(request.mobile());
    }

    /** Exchanges a mobile number and its code for a bearer token; the first login creates the consumer account. */
    @PostMapping("/api/v1/auth/otp/verify")
    OtpTokenResponse verifyCode(@Valid @RequestBody OtpVerifyRequest request) {
        var verified = codes.verify(request.mobile(), request.code(), Boolean.TRUE.equals(request.consent()));
        var issued = tokens.issue(verified.account());
        return new OtpTokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds(),
                verified.account().id().toString(), verified.account().username(), verified.created());
    }

    @GetMapping("/api/v1/identity/sms-outbox")
    List<SmsOutbox.SmsMessage> smsOutbox(Actor actor, @RequestParam(required = false) String mobile,
                                         @RequestParam(defaultValue = "50") int limit) {
        return outbox.recent(actor, mobile, limit);
    }

    @GetMapping("/api/v1/me")
    Me me(Actor actor) {
        var realName = users.realName(actor.userId()).orElse(null);
        return new Me(actor.userId().toString(), actor.username(), actor.role().name(),
                actor.merchantId() == null ? null : actor.merchantId().toString(), actor.sector(), realName != null, realName);
    }

    @PostMapping("/api/v1/me/real-name")
    @ResponseStatus(HttpStatus.CREATED)
    RealNameView verifyRealName(Actor actor, @Valid @RequestBody RealNameRequest request) {
        return users.verifyRealName(actor, request.fullName(), request.idNumber(), Boolean.TRUE.equals(request.consent()));
    }
}
