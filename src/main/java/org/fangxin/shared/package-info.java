/**
 * Shared kernel: money, typed identifiers, the clock, rejections as RFC 9457 problems, idempotency keys and the audit trail.
 * Holds no business rules; every other module may use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fangxin.shared;
