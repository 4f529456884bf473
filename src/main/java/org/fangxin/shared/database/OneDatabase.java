package org.fangxin.shared.database;

import java.util.List;
import java.util.function.Supplier;
import org.fangxin.shared.Shards;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The default deployment's {@link Shards}: one database, so work runs once, in place, in the caller's transaction. */
@Component
@Profile("!sharded")
class OneDatabase implements Shards {

    @Override
    public <T> List<T> each(Supplier<T> work) {
        return java.util.Collections.singletonList(work.get());
    }

    @Override
    public int current() {
        return 0;
    }

    @Override
    public int count() {
        return 1;
    }
}
