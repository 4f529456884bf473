/**
 * The working-day calendar: China's public holidays (法定节假日) and the adjusted working weekends (调休), seeded for
 * 2026 and edited by operators. Any module counts working days with it (complaint deadlines today; refund contest
 * windows may follow). Invariant: a day is a working day exactly when it is listed WORKDAY, or it is Monday to Friday
 * and not listed HOLIDAY.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "identity"})
package org.fangxin.calendar;
