package io.cryptopipe.app.http;

/** One API endpoint: returns an object that is serialised as the JSON response body. */
@FunctionalInterface
public interface JsonRoute {
    Object handle(ApiRequest request);
}
