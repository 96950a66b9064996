package io.cryptopipe.serve.pg;

/** Bind's result-column format codes: none means all text, one applies to every column, else one per column. */
record ResultFormats(short[] codes) {
    static final ResultFormats TEXT = new ResultFormats(new short[0]);

    boolean binary(int column) {
        if (codes.length == 0) {
            return false;
        }
        return (codes.length == 1 ? codes[0] : column < codes.length ? codes[column] : 0) == 1;
    }

    short[] expand(int columns) {
        short[] all = new short[columns];
        for (int i = 0; i < columns; i++) {
            all[i] = (short) (binary(i) ? 1 : 0);
        }
        return all;
    }
}
