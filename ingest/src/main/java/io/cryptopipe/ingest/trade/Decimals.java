package io.cryptopipe.ingest.trade;

/**
 * Checks decimal strings without converting them: prices and quantities travel as the exchange wrote them,
 * so no digit is ever lost to binary floating point.
 */
public final class Decimals {
    private Decimals() {
    }

    /** True for plain non-negative decimals such as {@code 0}, {@code 100} or {@code 83034.29000000}; false for signs, exponents, blanks. */
    public static boolean isPlainNonNegative(CharSequence text) {
        int length = text.length();
        int i = 0;
        int integerDigits = 0;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        if (integerDigits == 0) {
            return false;
        }
        if (i == length) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        i++;
        int fractionStart = i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        return i == length && i > fractionStart;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
