package org.fangxin.shared.sharding.events;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sharded profile: transactional event listeners ({@code @ApplicationModuleListener} included) of merchant events run
 * on the merchant's shard ({@link MerchantEventRouting}): after the hand-over to the listener's thread and inside
 * Spring Modulith's completion registration (order HIGHEST_PRECEDENCE + 10), which so still marks the publication on
 * the shard that stored it, but before the listener's own transaction begins. An infrastructure advisor, so that
 * Spring's own auto-proxying applies it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sharded")
class ShardedEventsConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor merchantEventRouting() {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, TransactionalEventListener.class, true), new MerchantEventRouting());
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return advisor;
    }
}
