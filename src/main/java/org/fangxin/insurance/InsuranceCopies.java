package org.fangxin.insurance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Products and policies on every shard (ADR 12 §8h). A GROUP or REGION policy covers merchants of several shards, and
 * a merchant's cover, claims and premium bills are read on its own shard, so each shard keeps a copy of every product
 * and policy under the same id (and of the insurer it names, should that insurer have been made inside one shard's
 * route). The command writes its own shard's row with its idempotency key; once that commits,
 * the row is copied to every shard ({@code on conflict (id) do nothing}). A copy that failed is made again by a
 * retry with the same Idempotency-Key (the replay copies the answer's object again), or else by the
 * {@code insurance-copies} job's {@link #sweep}. With one database there is nothing to copy.
 */
@Component
class InsuranceCopies {

    /**
     * Answered when a shard could not take its copy: the object exists (a conflict with the request to make it
     * everywhere); a retry with the same key completes it.
     */
    static final ProblemType COPY_INCOMPLETE = new ProblemType("insurance-copy-incomplete", 409);

    /** Who made the copies the sweep makes ({@code created_by}). */
    private static final String SWEEP = "insurance-copies";

    private final InsuranceRepository repository;
    private final Shards shards;

    InsuranceCopies(InsuranceRepository repository, Shards shards) {
        this.repository = repository;
        this.shards = shards;
    }

    /** Copies the product to every shard once the caller's transaction commits. */
    void afterCommit(ProductView product, String by) {
        later(() -> copy(product, by));
    }

    /** Copies the policy (and its product) to every shard once the caller's transaction commits. */
    void afterCommit(PolicyView policy, String by) {
        later(() -> copy(policy, by));
    }

    /** Copies a product that exists on some shard to every shard (a retry's replay; idempotent). */
    void product(UUID productId, String by) {
        if (shards.count() > 1) {
            found(() -> repository.product(productId)).ifPresent(product -> copy(product, by));
        }
    }

    /** Copies a policy that exists on some shard, and its product, to every shard (a retry's replay; idempotent). */
    void policy(UUID policyId, String by) {
        if (shards.count() > 1) {
            found(() -> repository.policy(policyId)).ifPresent(policy -> copy(policy, by));
        }
    }

    /**
     * Completes the copies a client never retried (the {@code insurance-copies} job, sharded only): each shard's newest
     * {@code ROWS_MAX} insurers, products and policies are copied to the shards whose newest lack them. Answers how
     * many copies were made.
     */
    int sweep() {
        if (shards.count() == 1) {
            return 0;
        }
        Map<UUID, InsurerView> insurers = union(repository::insurers, InsurerView::id);
        Map<UUID, ProductView> products = union(() -> repository.products(null), ProductView::id);
        Map<UUID, PolicyView> policies = union(() -> repository.policies(null), PolicyView::id);
        for (PolicyView policy : policies.values()) {
            if (!products.containsKey(policy.productId())) { // an older product than the newest listed
                found(() -> repository.product(policy.productId())).ifPresent(p -> products.put(p.id(), p));
            }
        }
        return shards.each(() -> {
            int made = 0;
            Set<UUID> insurersHere = ids(repository.insurers(), InsurerView::id);
            Set<UUID> productsHere = ids(repository.products(null), ProductView::id);
            Set<UUID> policiesHere = ids(repository.policies(null), PolicyView::id);
            for (InsurerView insurer : insurers.values()) {
                if (!insurersHere.contains(insurer.id())) {
                    repository.copyInsurer(insurer, SWEEP);
                }
            }
            for (ProductView product : products.values()) {
                if (!productsHere.contains(product.id())) {
                    repository.insertProduct(product, SWEEP); // a no-op for an older product already here
                    made++;
                }
            }
            for (PolicyView policy : policies.values()) {
                if (!policiesHere.contains(policy.id())) {
                    repository.insertPolicy(policy, SWEEP);
                    made++;
                }
            }
            return made;
        }).stream().mapToInt(Integer::intValue).sum();
    }

    private <T> Map<UUID, T> union(Supplier<List<T>> read, Function<T, UUID> id) {
        Map<UUID, T> union = new LinkedHashMap<>();
        shards.each(read).forEach(rows -> rows.forEach(row -> union.putIfAbsent(id.apply(row), row)));
        return union;
    }

    private static <T> Set<UUID> ids(List<T> rows, Function<T, UUID> id) {
        return rows.stream().map(id).collect(Collectors.toSet());
    }

    private Void copy(ProductView product, String by) {
        InsurerView insurer = found(() -> repository.insurer(product.insurerId())).orElseThrow();
        return everywhere(() -> {
            repository.copyInsurer(insurer, by);
            repository.insertProduct(product, by);
            return null;
        });
    }

    private Void copy(PolicyView policy, String by) {
        ProductView product = found(() -> repository.product(policy.productId())).orElseThrow();
        InsurerView insurer = found(() -> repository.insurer(product.insurerId())).orElseThrow();
        return everywhere(() -> {
            repository.copyInsurer(insurer, by);
            repository.insertProduct(product, by);
            repository.insertPolicy(policy, by);
            return null;
        });
    }

    private <T> Optional<T> found(Supplier<Optional<T>> read) {
        return shards.each(read).stream().flatMap(Optional::stream).findFirst();
    }

    private Void everywhere(Supplier<Void> write) {
        try {
            shards.each(write);
            return null;
        } catch (RuntimeException e) {
            throw new Rejection(COPY_INCOMPLETE, "saved, but not yet copied to every shard (" + e.getMessage()
                    + "): send the request again with the same Idempotency-Key");
        }
    }

    private void later(Supplier<Void> copy) {
        if (shards.count() == 1) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            copy.get();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                copy.get();
            }
        });
    }
}
