package org.fangxin.identity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.MerchantStaff;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.shared.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Merchant owners manage their staff; operators create platform accounts. */
@RestController
class StaffApiController {

    private final MerchantStaff staff;
    private final Users users;
    private final Idempotency idempotency;

    StaffApiController(MerchantStaff staff, Users users, Idempotency idempotency) {
        this.staff = staff;
        this.users = users;
        this.idempotency = idempotency;
    }

    record CreateStaff(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
                       @Size(max = 100) String displayName) { }

    record CreatePlatformUser(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
                              @Size(max = 100) String displayName, @NotNull Role role, @Size(max = 40) String sector,
                              @Size(max = 6) String regionCode) { }

    /** An account as other people see it (no mobile number, no password). */
    record AccountView(UUID id, String username, String displayName, Role role, UUID merchantId, String sector,
                       boolean enabled, Instant createdAt, String regionCode) {
        static AccountView of(UserAccount account) {
            return new AccountView(account.id(), account.username(), account.displayName(), account.role(),
                    account.merchantId(), account.sector(), account.enabled(), account.createdAt(), account.regionCode());
        }
    }

    @GetMapping("/api/v1/merchant-staff")
    List<AccountView> list(Actor actor) {
        return staff.list(actor).stream().map(AccountView::of).toList();
    }

    @PostMapping("/api/v1/merchant-staff")
    ResponseEntity<Object> create(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                  @Valid @RequestBody CreateStaff request) {
        // The key store keeps the request: never the password.
        var stored = new java.util.TreeMap<String, Object>(java.util.Map.of("username", request.username(),
                "displayName", String.valueOf(request.displayName())));
        var answer = idempotency.execute(actor.scope(), key, false, stored, () -> Idempotency.Answer.of(201,
                AccountView.of(staff.create(actor, request.username(), request.password(), request.displayName()))));
        return answer.toResponse();
    }

    @PostMapping("/api/v1/merchant-staff/{id}/disable")
    ResponseEntity<Object> disable(Actor actor, @PathVariable UUID id,
                                   @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return idempotency.execute(actor.scope(), key, false, new StaffSwitch(id, false),
                () -> Idempotency.Answer.of(200, AccountView.of(staff.disable(actor, id)))).toResponse();
    }

    @PostMapping("/api/v1/merchant-staff/{id}/enable")
    ResponseEntity<Object> enable(Actor actor, @PathVariable UUID id,
                                  @RequestHeader(name = Idempotency.HEADER, required = false) String key) {
        return idempotency.execute(actor.scope(), key, false, new StaffSwitch(id, true),
                () -> Idempotency.Answer.of(200, AccountView.of(staff.enable(actor, id)))).toResponse();
    }

    /** What an idempotency key of enabling or disabling covers: whom, and which way. */
    record StaffSwitch(UUID staffId, boolean enabled) { }

    @PostMapping("/api/v1/identity/users")
    ResponseEntity<Object> createPlatformUser(Actor actor, @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                              @Valid @RequestBody CreatePlatformUser request) {
        // The key store keeps the request: never the password.
        var stored = new java.util.TreeMap<String, Object>(java.util.Map.of("username", request.username(),
                "displayName", String.valueOf(request.displayName()), "role", request.role().name(),
                "sector", String.valueOf(request.sector()), "regionCode", String.valueOf(request.regionCode())));
        var answer = idempotency.execute(actor.scope(), key, false, stored, () -> Idempotency.Answer.of(201,
                AccountView.of(users.createPlatformUser(actor, request.username(), request.password(), request.displayName(),
                        request.role(), request.sector(), request.regionCode()))));
        return answer.toResponse();
    }

    /** A list: consumers' usernames and names are masked (an older consumer username holds the mobile number). */
    @GetMapping("/api/v1/identity/users")
    List<AccountView> listUsers(Actor actor, @RequestParam Role role) {
        return users.list(actor, role).stream().map(AccountView::of)
                .map(view -> view.role() != Role.CONSUMER ? view : new AccountView(view.id(),
                        org.fangxin.identity.PersonalData.maskMobilesIn(view.username()),
                        org.fangxin.identity.PersonalData.maskMobilesIn(view.displayName()), view.role(), view.merchantId(),
                        view.sector(), view.enabled(), view.createdAt(), view.regionCode()))
                .toList();
    }
}
