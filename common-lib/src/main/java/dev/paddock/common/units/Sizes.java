package dev.paddock.common.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as PD prints them ({@code 8192Mb}, {@code 100Gb}, {@code 2 GiB}, {@code 512}, {@code 1.5Tb}) in megabytes.
 * The reference had bugs here (its issue #343); units are matched case-insensitively, with or without a space, binary
 * and decimal spellings alike (PD means powers of two either way).
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*$");

    private Sizes() {}

    /** @return megabytes, or -1 when the text is not a size */
    public static long megabytes(String text) {
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            return -1;
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        double factor = switch (unit) {
            case "", "m", "mb", "mib" -> 1;
            case "b", "bytes" -> 1.0 / (1024 * 1024);
            case "k", "kb", "kib" -> 1.0 / 1024;
            case "g", "gb", "gib" -> 1024;
            case "t", "tb", "tib" -> 1024 * 1024;
            default -> Double.NaN;
        };
        return Double.isNaN(factor) ? -1 : Math.round(value * factor);
    }
}
