package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's binary numeric (base-10000 digits, weight, sign, display scale). */
class PgNumericTest {
    @Test
    void encodesAPriceAsPostgresDoes() {
        // 83034.29000000: digits 8, 3034, 2900 with weight 1, positive, display scale 8
        assertThat(encode(new BigDecimal("83034.29000000")))
                .isEqualTo(new int[]{3, 1, 0x0000, 8, 8, 3034, 2900});
    }

    @Test
    void encodesNegativeSmallAndZeroValues() {
        assertThat(encode(new BigDecimal("-0.00062"))).isEqualTo(new int[]{2, -1, 0x4000, 5, 6, 2000});
        assertThat(encode(BigDecimal.ZERO)).isEqualTo(new int[]{0, 0, 0x0000, 0});
        assertThat(encode(new BigDecimal("10000"))).isEqualTo(new int[]{1, 1, 0x0000, 0, 1});
    }

    @ParameterizedTest
    @ValueSource(strings = {"83034.29000000", "-0.00062000", "0", "123456789012345678901234567890.12345678", "1E+5", "0.1"})
    void decodesWhatItEncodes(String value) {
        BigDecimal number = new BigDecimal(value);
        PgBuffer buffer = new PgBuffer(64);
        PgNumeric.write(number, buffer);
        ByteBuffer body = ByteBuffer.wrap(Arrays.copyOfRange(buffer.array(), 4, buffer.size()));
        assertThat(PgNumeric.read(new PgMessage('n', body))).isEqualByComparingTo(number);
    }

    private static int[] encode(BigDecimal value) {
        PgBuffer buffer = new PgBuffer(64);
        PgNumeric.write(value, buffer);
        ByteBuffer body = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        assertThat(body.getInt()).isEqualTo(buffer.size() - 4);
        int[] fields = new int[(buffer.size() - 4) / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i == 2 ? body.getShort() & 0xFFFF : body.getShort();
        }
        return fields;
    }
}
