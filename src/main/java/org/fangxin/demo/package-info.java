/**
 * Demo: features that exist only with the demo profile. Time travel moves the platform clock forward (never back) so
 * that people can try time-dependent rules against a running demo — a 7-day cooling-off, T+1 settlement, a 30-day exit
 * notice, a 45-day mediation — with the background jobs catching up step by step as the clock passes their times.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.demo;
