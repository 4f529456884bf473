package org.fangxin.shared.sharding.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Registers {@link ShardRoutingFilter} right after Spring Security's filter chain (sharded profile only). */
@Configuration(proxyBeanMethods = false)
@Profile("sharded")
class ShardRoutingWebConfiguration {

    @Bean
    FilterRegistrationBean<ShardRoutingFilter> shardRoutingFilter(CallersMerchant callers) {
        FilterRegistrationBean<ShardRoutingFilter> registration = new FilterRegistrationBean<>(new ShardRoutingFilter(callers));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
