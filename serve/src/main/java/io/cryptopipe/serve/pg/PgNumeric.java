package io.cryptopipe.serve.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary numeric: base-10000 digits with a weight (the power of 10000 of the first digit), a sign and the
 * display scale.
 */
final class PgNumeric {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private PgNumeric() {
    }

    static void write(BigDecimal value, PgBuffer out) {
        int scale = Math.max(0, value.scale());
        String plain = value.abs().setScale(scale).toPlainString();
        int dot = plain.indexOf('.');
        String integer = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < integer.length(); i += 4) {
            digits.add(Integer.parseInt(integer, i, i + 4, 10));
        }
        for (int i = 0; i < fraction.length(); i += 4) {
            digits.add(Integer.parseInt(fraction, i, i + 4, 10));
        }
        int weight = integer.length() / 4 - 1;
        while (!digits.isEmpty() && digits.get(0) == 0) {
            digits.remove(0);
            weight--;
        }
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
            digits.remove(digits.size() - 1);
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        out.int32(8 + 2 * digits.size()).int16(digits.size()).int16(weight)
                .int16(value.signum() < 0 ? NEGATIVE : POSITIVE).int16(scale);
        digits.forEach(out::int16);
    }

    static BigDecimal read(PgMessage value) {
        int count = value.int16();
        int weight = value.int16();
        int sign = value.int16() & 0xFFFF;
        int scale = value.int16();
        if (sign == 0xC000) {
            throw new NumberFormatException("NaN is not a number DuckDB takes");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(value.int16()));
        }
        BigDecimal number = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - count + 1));
        number = number.setScale(Math.max(scale, 0), java.math.RoundingMode.UNNECESSARY);
        return sign == NEGATIVE ? number.negate() : number;
    }
}
