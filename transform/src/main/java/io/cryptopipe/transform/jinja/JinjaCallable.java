package io.cryptopipe.transform.jinja;

/** A function a template can call, such as {@code ref('m')} or {@code config(materialized='table')}. */
@FunctionalInterface
public interface JinjaCallable {
    Object call(CallArguments arguments);
}
