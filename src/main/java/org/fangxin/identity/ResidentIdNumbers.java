package org.fangxin.identity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The 18-character resident identity number of GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence
 * and an ISO 7064 MOD 11-2 check character. Messages never contain the number, so it cannot leak into logs.
 */
final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final Pattern FORMAT = Pattern.compile("[1-9]\\d{16}[\\dX]");
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate BIRTH_DATE_MIN = LocalDate.of(1900, 1, 1);

    private ResidentIdNumbers() {
    }

    /** Upper-cases a trailing 'x' and trims; the form stored and hashed. */
    static String normalise(String number) {
        return number == null ? "" : number.trim().toUpperCase();
    }

    /** Why the (normalised) number is invalid, or empty when it is valid on {@code today}. */
    static Optional<String> problem(String number, LocalDate today) {
        if (!FORMAT.matcher(number).matches()) {
            return Optional.of("a resident ID number has 17 digits and a digit or X");
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(number.substring(6, 14), BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return Optional.of("the birth date in the resident ID number is not a real date");
        }
        if (birth.isBefore(BIRTH_DATE_MIN) || birth.isAfter(today)) {
            return Optional.of("the birth date in the resident ID number is out of range");
        }
        if (checkChar(number.substring(0, 17)) != number.charAt(17)) {
            return Optional.of("the resident ID number's check character does not match");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 digits. */
    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    /** For display: {@code 1101**********123X}. */
    static String mask(String number) {
        return number.substring(0, 4) + "*".repeat(10) + number.substring(14);
    }
}
