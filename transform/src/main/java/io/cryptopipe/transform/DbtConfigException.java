package io.cryptopipe.transform;

/** A missing or malformed dbt_project.yml, profiles.yml or properties file; the message names the file and key. */
public class DbtConfigException extends DbtException {
    public DbtConfigException(String message) {
        super(message);
    }

    public DbtConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
