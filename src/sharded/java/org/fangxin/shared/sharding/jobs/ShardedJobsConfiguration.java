package org.fangxin.shared.sharding.jobs;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The sharded profile's jobs run per shard ({@link PerShardJobs}). */
@Configuration(proxyBeanMethods = false)
@Profile("sharded")
class ShardedJobsConfiguration {

    @Bean
    PerShardJobs perShardJobs(@Value("${fangxin.sharding.urls}") List<String> urls) {
        return new PerShardJobs(IntStream.range(0, urls.size()).mapToObj(n -> "ds_" + n).toList());
    }
}
