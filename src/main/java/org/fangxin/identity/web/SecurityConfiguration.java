package org.fangxin.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fangxin.identity.AccessTokens;
import org.fangxin.identity.ApiKeys;
import org.fangxin.identity.Users;
import org.fangxin.shared.ProblemTexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Two chains: the API ({@code /api/**}) is stateless and authenticated by bearer tokens or API keys, so it needs no
 * CSRF protection (no cookie is ever honoured there); pages use form login with a session and CSRF tokens.
 * Fine-grained checks (role × ownership) happen in each module's facade against the {@code Actor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * No Spring Security observations at all: with the property {@code management.observations.enable.spring.security=false}
     * they were recorded nowhere, yet every filter of the chain, the authorization and the authentication were still
     * wrapped in an observation, created and checked per filter and request (JFR of the purchase benchmark, issue 15).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, ApiKeys keys, ProblemTexts texts) throws Exception {
        BearerTokenFilter bearer = new BearerTokenFilter(tokens);
        ApiKeyFilter apiKeys = new ApiKeyFilter(keys, texts);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .addFilterAfter(apiKeys, BearerTokenFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/auth/**", "/api/v1/public/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.write(texts, request, response,
                                HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated"))
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(texts, request, response,
                                HttpServletResponse.SC_FORBIDDEN, "forbidden")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, Users users) throws Exception {
        http.addFilterAfter(new DisabledAccountFilter(users), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/login/otp", "/login/otp/send", "/signup/**", "/public/**", "/webjars/**", "/css/**", "/js/**",
                                "/favicon.ico", "/error", "/actuator/health/**", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/identity/**").hasRole("OPERATOR")
                        .requestMatchers("/me/real-name", "/me/data", "/me/privacy", "/me/closure").hasRole("CONSUMER")
                        .requestMatchers("/audit", "/audit/**").hasAnyRole("OPERATOR", "REGULATOR")
                        .requestMatchers("/merchant-staff", "/merchant-staff/**").hasRole("MERCHANT_OWNER")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/home", true).permitAll()
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LockedException ? "/login?locked" : "/login?error"))))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
