package org.fangxin.oversight;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One merchant on the oversight pages: who it is (region by name) and its daily balance figures, newest first. */
public record MerchantBalances(UUID merchantId, String legalName, String creditCode, String regionCode, String regionName,
                               String sector, String status, List<Day> days) {

    public record Day(LocalDate day, BalanceFigures figures) { }
}
