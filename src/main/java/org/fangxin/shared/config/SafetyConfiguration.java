package org.fangxin.shared.config;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/** Runs {@link DevelopmentDefaults#check} after the configuration is read and before any bean is created. */
@Configuration(proxyBeanMethods = false)
class SafetyConfiguration {

    @Bean
    static BeanFactoryPostProcessor developmentDefaultsCheck() {
        return new Check();
    }

    static final class Check implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {
        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            DevelopmentDefaults.check(environment);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
