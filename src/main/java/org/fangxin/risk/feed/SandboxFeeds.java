package org.fangxin.risk.feed;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.merchant.CreditCodes;
import org.fangxin.merchant.MerchantView;

/**
 * The sandbox data providers' monthly files for the demo merchants, realistic enough to exercise every path: a tax
 * bureau file that is sent twice (the repeat changes nothing), a social-insurance JSON file that is malformed every
 * third month and corrected by a second file, a power utility that delivers one month late, and a 12315 file with one
 * complaint of a merchant the platform does not know (quarantined). Values are steady per merchant (derived from its
 * credit code) except for a salon that declines month by month, so the demo shows a merchant sliding down the tiers.
 */
public final class SandboxFeeds {

    /** A file to drop in the watched folder. */
    public record SandboxFile(String name, byte[] content) { }

    private SandboxFeeds() {
    }

    static final String HEADER = "creditCode,type,period,value,status,reference,note\n";

    public static List<SandboxFile> month(YearMonth month, List<MerchantView> merchants, int monthsRunning) {
        List<SandboxFile> files = new ArrayList<>();
        StringBuilder tax = new StringBuilder(HEADER);
        StringBuilder power = new StringBuilder(HEADER);
        List<String> headcounts = new ArrayList<>();
        for (MerchantView merchant : merchants) {
            int seed = Math.floorMod(merchant.creditCode().hashCode(), 1_000);
            boolean declining = "BEAUTY".equals(merchant.sector().name());
            long decline = declining ? Math.min(monthsRunning, 6) : 0;
            tax.append(line(merchant, "TAX_PAID", month, (600_000 + seed * 1_000L) * (6 - decline) / 6));
            if (declining && decline >= 4) {
                tax.append(line(merchant, "TAX_ARREARS", month, 400_000 * (decline - 3)));
            }
            headcounts.add(json(merchant, month, Math.max(0, 8 + seed % 10 - 2 * decline)));
            power.append(line(merchant, "UTILITY_CONSUMPTION", month.minusMonths(1), 2_500 + seed));
        }
        byte[] taxFile = tax.toString().getBytes(StandardCharsets.UTF_8);
        files.add(new SandboxFile("tax-bureau__" + month + ".csv", taxFile));
        files.add(new SandboxFile("tax-bureau__" + month + "-resent.csv", taxFile));
        if (month.getMonthValue() % 3 == 0) {
            files.add(new SandboxFile("social-insurance__" + month + ".json",
                    records(List.of(headcounts.isEmpty() ? "" : headcounts.get(0).replaceFirst("\"value\": [0-9]+", "\"value\": \"十二\"")))));
            files.add(new SandboxFile("social-insurance__" + month + "-fixed.json", records(headcounts)));
        } else {
            files.add(new SandboxFile("social-insurance__" + month + ".json", records(headcounts)));
        }
        files.add(new SandboxFile("power-utility__" + month.minusMonths(1) + "-late.csv", power.toString().getBytes(StandardCharsets.UTF_8)));
        files.add(new SandboxFile("12315__" + month + ".csv", complaints(month, merchants)));
        return files;
    }

    private static byte[] complaints(YearMonth month, List<MerchantView> merchants) {
        StringBuilder csv = new StringBuilder(HEADER);
        String stranger = "92410200" + String.format("%09d", month.getYear() * 100L + month.getMonthValue());
        csv.append(CreditCodes.withCheckCharacter(stranger)).append(",COMPLAINT_12315,").append(month.atDay(15))
                .append(",,FILED,12315-").append(month).append("-9001,消费者反映无法退卡\n");
        for (MerchantView merchant : merchants) {
            if ("BEAUTY".equals(merchant.sector().name())) {
                csv.append(merchant.creditCode()).append(",COMPLAINT_12315,").append(month.atDay(20)).append(",,UPHELD,12315-")
                        .append(month).append('-').append(Math.floorMod(merchant.id().hashCode(), 9_000)).append(",办卡后无法预约\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(MerchantView merchant, String type, YearMonth month, long value) {
        return merchant.creditCode() + "," + type + "," + month + "," + value + ",,,\n";
    }

    private static String json(MerchantView merchant, YearMonth month, long headcount) {
        return "{\"creditCode\": \"" + merchant.creditCode() + "\", \"type\": \"SOCIAL_INSURANCE_HEADCOUNT\", \"period\": \""
                + month + "\", \"value\": " + headcount + "}";
    }

    private static byte[] records(List<String> records) {
        return ("{\"records\": [" + String.join(",\n", records) + "]}").getBytes(StandardCharsets.UTF_8);
    }
}
