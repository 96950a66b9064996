package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What the Snowflake JDBC driver needs to open a session for a dbt-snowflake style target: the URL, and the
 * profile's keys translated to the driver's connection properties. Blank values count as unset, because the
 * project's profile gives unset environment variables an empty default.
 */
final class SnowflakeConnectionSettings {
    /** dbt-snowflake's default {@code connect_timeout}, in seconds; the driver's own default is minutes. */
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    private final WarehouseTarget target;

    SnowflakeConnectionSettings(WarehouseTarget target) {
        this.target = target;
    }

    String url() {
        return "jdbc:snowflake://" + required("account") + ".snowflakecomputing.com/";
    }

    /** The driver's properties; they hold secrets (password, key passphrase), so never log them. */
    Properties properties() {
        Properties properties = new Properties();
        for (String key : new String[] {"user", "password", "role", "database", "warehouse", "schema"}) {
            setting(key).ifPresent(v -> properties.setProperty(key, v));
        }
        setting("private_key_path").ifPresent(path -> {
            if (!Files.isReadable(Path.of(path))) {
                // The driver's own message for this case names neither the file nor the key.
                throw new DbtConfigException(target.source() + ": '" + target.keyPath("private_key_path") + "' is "
                        + path + ", which is not a readable file: point SNOWFLAKE_PRIVATE_KEY_PATH at your rsa_key.p8");
            }
            properties.setProperty("authenticator", "snowflake_jwt");
            properties.setProperty("private_key_file", path);
            setting("private_key_passphrase").ifPresent(p -> properties.setProperty("private_key_pwd", p));
        });
        setting("authenticator").ifPresent(a -> properties.setProperty("authenticator", a));
        properties.setProperty("loginTimeout", String.valueOf(connectTimeoutSeconds()));
        setting("client_session_keep_alive").ifPresent(v -> properties.setProperty("CLIENT_SESSION_KEEP_ALIVE", v));
        setting("query_tag").ifPresent(v -> properties.setProperty("QUERY_TAG", v));
        return properties;
    }

    /** For messages: whom we connect as, and how, without any secret. */
    String describe() {
        String auth = setting("private_key_path").map(path -> "key pair from " + path)
                .orElse(setting("password").isPresent() ? "password" : setting("authenticator").orElse("no credentials"));
        return "Snowflake account " + required("account") + " as " + setting("user").orElse("?") + " (" + auth + ")";
    }

    int connectTimeoutSeconds() {
        Optional<String> configured = setting("connect_timeout");
        if (configured.isEmpty()) {
            return DEFAULT_CONNECT_TIMEOUT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(configured.get().trim());
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the key's path
        }
        throw new DbtConfigException(target.source() + ": '" + target.keyPath("connect_timeout")
                + "' must be a positive number of seconds, not '" + configured.get() + "'");
    }

    private String required(String key) {
        return setting(key).orElseThrow(() -> new DbtConfigException(target.source() + ": '" + target.keyPath(key)
                + "' is required for a snowflake target"));
    }

    private Optional<String> setting(String key) {
        return target.setting(key).filter(v -> !v.isBlank());
    }
}
