package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.PipelineSettings;

/** A size flag's value: {@code 500MB}, {@code 2GB}, {@code 1GiB} (KB, MB... are powers of 1000), or {@code 0}. */
final class ByteSizeOption {
    private ByteSizeOption() {
    }

    /** @throws UserError naming {@code option} when {@code text} is not such a size */
    static long parse(String option, String text) {
        String value = text == null ? "" : text.strip();
        if (value.equals("0")) {
            return 0;
        }
        if (!PipelineSettings.isMemorySize(value)) {
            throw new UserError(option + " must be a size such as 500MB or 2GB (or 0), got '" + text + "'");
        }
        return PipelineSettings.memoryBytes(value);
    }
}
