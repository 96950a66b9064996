package io.cryptopipe.transform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a Snowflake session through the official JDBC driver, as far as it can be checked with no account. */
class SnowflakeConnectionTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    private static WarehouseTarget target(Map<String, Object> settings) {
        return new WarehouseTarget("cryptopipe", "prod", "snowflake", "PUBLIC", 1, settings, Path.of("profiles.yml"));
    }

    private Map<String, Object> keyPairProfile() throws Exception {
        return Map.of("account", "xy12345.eu-central-1", "user", "DBT_USER", "role", "DBT_ROLE",
                "database", "STREAMING_DB", "warehouse", "TRANSFORM_WH", "schema", "PUBLIC",
                "private_key_path", keyFile().toString(), "private_key_passphrase", PASSPHRASE,
                "client_session_keep_alive", "false", "connect_timeout", "3");
    }

    @Test
    void keyPairProfileBecomesTheDriversJwtProperties() throws Exception {
        SnowflakeConnectionSettings settings = new SnowflakeConnectionSettings(target(keyPairProfile()));

        Properties properties = settings.properties();

        assertThat(settings.url()).isEqualTo("jdbc:snowflake://xy12345.eu-central-1.snowflakecomputing.com/");
        assertThat(properties).containsEntry("authenticator", "snowflake_jwt")
                .containsEntry("private_key_file", keyFile().toString())
                .containsEntry("private_key_pwd", PASSPHRASE)
                .containsEntry("user", "DBT_USER").containsEntry("role", "DBT_ROLE")
                .containsEntry("database", "STREAMING_DB").containsEntry("warehouse", "TRANSFORM_WH")
                .containsEntry("schema", "PUBLIC").containsEntry("loginTimeout", "3")
                .containsEntry("CLIENT_SESSION_KEEP_ALIVE", "false")
                .doesNotContainKey("password");
    }

    @Test
    void aMissingKeyFileIsRejectedNamingTheKeyAndTheFile() throws Exception {
        Map<String, Object> profile = new java.util.HashMap<>(keyPairProfile());
        profile.put("private_key_path", "/secrets/missing.p8");

        assertThatThrownBy(() -> new SnowflakeConnectionSettings(target(profile)).properties())
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("private_key_path").hasMessageContaining("/secrets/missing.p8");
    }

    @Test
    void blankSettingsFromUnsetVariablesAreLeftOut() throws Exception {
        Map<String, Object> profile = new java.util.HashMap<>(keyPairProfile());
        profile.put("private_key_passphrase", "");
        profile.remove("connect_timeout");

        Properties properties = new SnowflakeConnectionSettings(target(profile)).properties();

        assertThat(properties).doesNotContainKey("private_key_pwd")
                .containsEntry("loginTimeout", String.valueOf(SnowflakeConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS));
    }

    @Test
    void describingTheConnectionNamesAccountUserAndKeyFileButNoSecret() throws Exception {
        String description = new SnowflakeConnectionSettings(target(keyPairProfile())).describe();

        assertThat(description).contains("xy12345.eu-central-1", "DBT_USER", keyFile().toString())
                .doesNotContain(PASSPHRASE);
    }

    @Test
    void aConnectTimeoutThatIsNotANumberIsRejectedNamingTheKey() throws Exception {
        Map<String, Object> profile = new java.util.HashMap<>(keyPairProfile());
        profile.put("connect_timeout", "soon");

        assertThatThrownBy(() -> new SnowflakeConnectionSettings(target(profile)).properties())
                .isInstanceOf(DbtConfigException.class).hasMessageContaining("connect_timeout").hasMessageContaining("soon");
    }

    @Test
    void anUnreachableAccountFailsWithOneLineNamingIt() throws Exception {
        Map<String, Object> profile = new java.util.HashMap<>(keyPairProfile());
        profile.put("private_key_path", unencryptedPrivateKey().toString());
        profile.remove("private_key_passphrase");
        SnowflakeDialect dialect = new SnowflakeDialect(new SnowflakeDriverLocator(List.of(), true));

        // No account is reachable from this build: the driver gets as far as the network and gives up.
        assertThatThrownBy(() -> dialect.connect(target(profile)))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("cannot connect to Snowflake account xy12345.eu-central-1 as DBT_USER (key pair from ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Stands for an encrypted key file: its content matters only to the driver, which these tests never reach. */
    private Path keyFile() throws Exception {
        Path file = dir.resolve("rsa_key_encrypted.p8");
        return Files.exists(file) ? file : Files.writeString(file, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    }

    /** A PKCS#8 PEM key, as bootstrap.sql's key pair is made with openssl. */
    private Path unencryptedPrivateKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return Files.writeString(dir.resolve("rsa_key.p8"),
                "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void theDriverJarBesideTheAppIsLoadedInAClassLoaderOfItsOwn() throws Exception {
        Path driverJar = Path.of(Class.forName(SnowflakeDriverLocator.DRIVER_CLASS).getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.copy(driverJar, lib.resolve("snowflake-jdbc-4.4.1.jar"));

        java.sql.Driver driver = new SnowflakeDriverLocator(List.of(lib), false).driver();

        assertThat(driver.getClass().getName()).isEqualTo(SnowflakeDriverLocator.DRIVER_CLASS);
        assertThat(driver.getClass().getClassLoader().getName()).isEqualTo("snowflake-jdbc");
        assertThat(driver.acceptsURL("jdbc:snowflake://xy12345.snowflakecomputing.com/")).isTrue();
    }

    @Test
    void noDriverAnywhereIsOneLineSayingWhereItWasLookedFor() {
        assertThatThrownBy(() -> new SnowflakeDriverLocator(List.of(dir.resolve("empty")), false).driver())
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("Snowflake's JDBC driver was not found").hasMessageContaining("CRYPTOPIPE_DRIVERS_DIR");
    }
}
