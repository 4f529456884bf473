package org.fangxin.shared.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Demo profile: once the service is ready, one line says where to open it (the console is plain text there). */
@Component
@Profile("demo")
class DemoWelcome {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWelcome.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        LOG.info("open http://localhost:{} — demo logins in the README", port);
    }
}
