package org.fangxin.insurance;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Insurer organisations, their members (INSURER logins and the system users behind their API keys) and their
 * closure-insurance products. Operators create insurers and link members; an insurer's members define its products
 * and see only their own insurer (another insurer's objects are "not found"); regulators read everything.
 */
@Service
@Transactional
public class Insurers {

    public static final ProblemType LICENCE_TAKEN = new ProblemType("insurer-licence-taken", 409);
    public static final ProblemType MEMBER_OF_ANOTHER_INSURER = new ProblemType("insurer-member-taken", 409);

    private final InsuranceRepository repository;
    private final Users users;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final InsuranceCopies copies;
    private final Shards shards;

    Insurers(InsuranceRepository repository, Users users, AuditTrail audit, IdGenerator ids, Clock clock,
             InsuranceCopies copies, Shards shards) {
        this.copies = copies;
        this.shards = shards;
        this.repository = repository;
        this.users = users;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** OPERATOR: registers an insurer with its licence number (unique). */
    public InsurerView create(Actor actor, String name, String licenceNo) {
        requireOperator(actor);
        String cleanName = name == null ? "" : name.trim();
        String licence = licenceNo == null ? "" : licenceNo.trim();
        if (cleanName.length() < 2 || cleanName.length() > 100) {
            throw Rejection.invalid("name", "the name must be 2 to 100 characters");
        }
        if (!licence.matches("[A-Za-z0-9-]{4,40}")) {
            throw Rejection.invalid("licenceNo", "the licence number must be 4 to 40 letters, digits or '-'");
        }
        if (repository.licenceTaken(licence)) {
            throw new Rejection(LICENCE_TAKEN, "an insurer with licence " + licence + " exists", Map.of("field", "licenceNo"));
        }
        InsurerView insurer = new InsurerView(ids.next(), cleanName, licence, clock.instant());
        repository.insertInsurer(insurer, actor.username());
        audit.record("insurance.insurer.created", "insurer", insurer.id(), null, insurer);
        return insurer;
    }

    /** OPERATOR: makes an INSURER user a member of the insurer (a user belongs to one insurer; relinking is a no-op). */
    public InsurerView link(Actor actor, UUID insurerId, UUID userId) {
        requireOperator(actor);
        InsurerView insurer = repository.insurer(insurerId).orElseThrow(() -> Rejection.notFound("insurer"));
        UserAccount user = users.find(userId).orElseThrow(() -> Rejection.invalid("userId", "no such user"));
        if (!user.is(Role.INSURER)) {
            throw Rejection.invalid("userId", "only INSURER users belong to an insurer");
        }
        Optional<UUID> current = repository.insurerOf(userId);
        if (current.isPresent() && !current.get().equals(insurerId)) {
            throw new Rejection(MEMBER_OF_ANOTHER_INSURER, "user " + user.username() + " belongs to another insurer",
                    Map.of("field", "userId"));
        }
        if (current.isEmpty()) {
            repository.insertMember(userId, insurerId, clock.instant(), actor.username());
            audit.record("insurance.member.linked", "insurer", insurerId, null, Map.of("userId", userId.toString()));
        }
        return insurer;
    }

    /**
     * The insurer a user belongs to (no access check; for other modules and this module's access rules). Memberships
     * are kept on the directory shard (ADR 12 §3), so a request routed to a claim's shard that does not find the
     * membership there asks the directory (ADR 12 §8h).
     */
    @Transactional(readOnly = true)
    public Optional<UUID> insurerOf(UUID userId) {
        return repository.insurerOf(userId).or(() -> shards.current() == 0 ? Optional.empty()
                : shards.onDirectory(() -> repository.insurerOf(userId)));
    }

    /** OPERATOR and REGULATOR: all insurers; an INSURER: its own (none when not linked yet). */
    @Transactional(readOnly = true)
    public List<InsurerView> list(Actor actor) {
        if (actor.is(Role.OPERATOR, Role.REGULATOR)) {
            return repository.insurers();
        }
        if (actor.is(Role.INSURER)) {
            return repository.insurerOf(actor.userId()).flatMap(repository::insurer).map(List::of).orElse(List.of());
        }
        throw forbidden();
    }

    @Transactional(readOnly = true)
    public InsurerView view(Actor actor, UUID insurerId) {
        requireReader(actor);
        InsurerView insurer = repository.insurer(insurerId).orElseThrow(() -> Rejection.notFound("insurer"));
        if (actor.is(Role.INSURER) && !ownInsurer(actor).equals(Optional.of(insurerId))) {
            throw Rejection.notFound("insurer");
        }
        return insurer;
    }

    /** Users linked to the insurer (OPERATOR, REGULATOR or the insurer's own members). */
    @Transactional(readOnly = true)
    public List<UUID> members(Actor actor, UUID insurerId) {
        view(actor, insurerId);
        return repository.members(insurerId);
    }

    /**
     * An INSURER defines a product for its own insurer; an OPERATOR may define one for any insurer named in the
     * request. Limits are positive amounts in one currency; each (sector, tier) is rated at most once.
     */
    public ProductView defineProduct(Actor actor, NewProduct request) {
        UUID insurerId;
        if (actor.is(Role.INSURER)) {
            insurerId = ownInsurer(actor).orElseThrow(() -> new Rejection(ProblemType.FORBIDDEN,
                    "this insurer login is not linked to an insurer yet"));
            if (request.insurerId() != null && !request.insurerId().equals(insurerId)) {
                throw Rejection.notFound("insurer");
            }
        } else if (actor.is(Role.OPERATOR)) {
            if (request.insurerId() == null) {
                throw Rejection.invalid("insurerId", "name the insurer the product belongs to");
            }
            insurerId = repository.insurer(request.insurerId()).orElseThrow(() -> Rejection.notFound("insurer")).id();
        } else {
            throw forbidden();
        }
        validate(request);
        ProductView product = new ProductView(ids.next(), insurerId, request.name().trim(), request.triggers(),
                request.rates(), request.aggregateLimit(), request.perMerchantLimit(), request.perConsumerLimit(),
                clock.instant());
        repository.insertProduct(product, actor.username());
        audit.record("insurance.product.defined", "insurance-product", product.id(), null, product);
        copies.afterCommit(product, actor.username());
        return product;
    }

    /**
     * Copies a product defined earlier to every shard where it is missing (sharded deployment, ADR 12 §8h): a retry
     * with the same Idempotency-Key completes a definition whose copies failed. No-op with one database.
     */
    public void copyEverywhere(UUID productId, String by) {
        copies.product(productId, by);
    }

    /** Products the actor may see: all (OPERATOR, REGULATOR) or its insurer's (INSURER). */
    @Transactional(readOnly = true)
    public List<ProductView> products(Actor actor) {
        requireReader(actor);
        if (actor.is(Role.INSURER)) {
            return ownInsurer(actor).map(repository::products).orElse(List.of());
        }
        return repository.products(null);
    }

    @Transactional(readOnly = true)
    public ProductView product(Actor actor, UUID productId) {
        requireReader(actor);
        ProductView product = repository.product(productId).orElseThrow(() -> Rejection.notFound("product"));
        if (actor.is(Role.INSURER) && !ownInsurer(actor).equals(Optional.of(product.insurerId()))) {
            throw Rejection.notFound("product");
        }
        return product;
    }

    Optional<UUID> ownInsurer(Actor actor) {
        return actor.is(Role.INSURER) ? insurerOf(actor.userId()) : Optional.empty();
    }

    private static void validate(NewProduct request) {
        Money aggregate = request.aggregateLimit();
        for (var entry : Map.of("aggregateLimit", aggregate, "perMerchantLimit", request.perMerchantLimit(),
                "perConsumerLimit", request.perConsumerLimit()).entrySet()) {
            if (!entry.getValue().isPositive()) {
                throw Rejection.invalid(entry.getKey(), entry.getKey() + " must be positive");
            }
            if (!entry.getValue().currency().equals(aggregate.currency())) {
                throw Rejection.invalid(entry.getKey(), "all limits are in one currency");
            }
        }
        if (request.perMerchantLimit().compareTo(aggregate) > 0) {
            throw Rejection.invalid("perMerchantLimit", "the per-merchant limit cannot exceed the aggregate limit");
        }
        long distinct = request.rates().stream().map(r -> r.sector() + "/" + r.tier()).distinct().count();
        if (distinct != request.rates().size()) {
            throw Rejection.invalid("rates", "each sector and tier is rated once");
        }
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage insurers");
        }
    }

    private static void requireReader(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.INSURER)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "insurance data is for operators, regulators and insurers");
    }
}
