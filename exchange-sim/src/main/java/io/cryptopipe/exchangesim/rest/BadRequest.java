package io.cryptopipe.exchangesim.rest;

/** A request Binance would refuse with HTTP 400 and {@code {"code":..,"msg":..}}. */
final class BadRequest extends RuntimeException {

    /** Non-negative integers that fit a long. */
    static final String NUMBER = "[0-9]{1,18}";

    private final int code;

    private BadRequest(int code, String msg) {
        super(msg, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    static BadRequest invalidSymbol() {
        return new BadRequest(-1121, "Invalid symbol.");
    }

    static BadRequest missing(String parameter) {
        return new BadRequest(-1102,
                "Mandatory parameter '" + parameter + "' was not sent, was empty/null, or malformed.");
    }

    static BadRequest illegalCharacters(String parameter) {
        return new BadRequest(-1100,
                "Illegal characters found in parameter '" + parameter + "'; legal range is '^" + NUMBER + "$'.");
    }

    static BadRequest invalidValue(String parameter) {
        return new BadRequest(-1130, "Data sent for parameter '" + parameter + "' is not valid.");
    }
}
