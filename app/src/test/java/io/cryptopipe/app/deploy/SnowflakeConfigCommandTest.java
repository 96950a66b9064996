package io.cryptopipe.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.cli.CommandLineFactory;
import io.cryptopipe.app.cli.ExitCodes;
import io.cryptopipe.app.cli.SnowflakeConfigCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `./cryptopipe snowflake-config` on the shipped template, with a freshly generated RSA key pair. */
class SnowflakeConfigCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private static KeyPair keyPair;
    private static String keyBody;
    private Path keyFile;
    private Path output;

    /** One key pair for all tests: generating RSA keys is the slow part. */
    @BeforeAll
    static void keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keyPair = generator.generateKeyPair();
        keyBody = Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded());
    }

    @BeforeEach
    void keyFileAndSettings() throws IOException {
        keyFile = dir.resolve("rsa_key.p8");
        Files.writeString(keyFile, pem("PRIVATE KEY", keyBody));
        output = dir.resolve("connector_config.local.json");
        environment.put("SNOWFLAKE_ACCOUNT", "myorg-myaccount");
    }

    @Test
    void fillsTheTemplateFromTheEnvironmentAndTheKeyFile() throws IOException {
        assertThat(run("--private-key-file", keyFile.toString())).as(err.toString()).isZero();

        JsonNode connector = JSON.readTree(output.toFile());
        JsonNode config = connector.path("config");
        assertThat(connector.path("name").asText()).isEqualTo("stock_trades_snowflake_sink");
        assertThat(config.path("snowflake.url.name").asText()).isEqualTo("myorg-myaccount.snowflakecomputing.com:443");
        assertThat(config.path("snowflake.user.name").asText()).isEqualTo("KAFKA_USER");
        assertThat(config.path("snowflake.role.name").asText()).isEqualTo("KAFKA_ROLE");
        // Snowflake takes the key as one line of base64, without the PEM armour.
        assertThat(config.path("snowflake.private.key").asText()).isEqualTo(keyBody);
        assertThat(config.path("snowflake.ingestion.method").asText()).isEqualTo("SNOWPIPE_STREAMING");
        assertThat(config.has("snowflake.private.key.passphrase")).isFalse();
        assertThat(Files.readString(output)).doesNotContain("${");
    }

    @Test
    void neverPrintsThePrivateKey() {
        assertThat(run("--private-key-file", keyFile.toString())).isZero();

        assertThat(out.toString()).contains("Wrote " + output, "curl -i -X POST", "@" + output, "http://localhost:8083/connectors");
        assertNoKeyIn(out.toString() + err.toString());
    }

    @Test
    void writesAFileOnlyItsOwnerCanRead() throws IOException {
        assertThat(run("--private-key-file", keyFile.toString())).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).extracting(path -> path.getFileName().toString())
                    .containsExactlyInAnyOrder("rsa_key.p8", "connector_config.local.json");
        }
    }

    @Test
    void printsThePublicKeyOfTheKeyPairForBootstrapSql() throws GeneralSecurityException {
        assertThat(run("--private-key-file", keyFile.toString())).isZero();

        Matcher printed = Pattern.compile("RSA_PUBLIC_KEY[^\\n]*\\n\\s+(\\S+)").matcher(out.toString());
        assertThat(printed.find()).as(out.toString()).isTrue();
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(printed.group(1))));
        byte[] message = "cryptopipe".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keyPair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void readsSettingsAndARelativeKeyPathFromAnEnvFile() throws IOException {
        environment.clear();
        Path envFile = dir.resolve(".env");
        Files.writeString(envFile, """
                # as in deploy/.env.example
                SNOWFLAKE_ACCOUNT=fromfile-account
                SNOWFLAKE_PRIVATE_KEY_FILE=./rsa_key.p8
                SNOWFLAKE_KAFKA_USER="LOADER"
                """);

        assertThat(run("--env-file", envFile.toString())).as(err.toString()).isZero();

        JsonNode config = JSON.readTree(output.toFile()).path("config");
        assertThat(config.path("snowflake.url.name").asText()).isEqualTo("fromfile-account.snowflakecomputing.com:443");
        assertThat(config.path("snowflake.user.name").asText()).isEqualTo("LOADER");
        assertThat(config.path("snowflake.private.key").asText()).isEqualTo(keyBody);
    }

    @Test
    void aMissingVariableIsOneLineNamingIt() {
        environment.remove("SNOWFLAKE_ACCOUNT");

        assertThat(run("--private-key-file", keyFile.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).startsWith("error: set SNOWFLAKE_ACCOUNT (in the environment or --env-file")
                .doesNotContain("\n");
        assertThat(output).doesNotExist();
        assertNoKeyIn(out.toString() + err.toString());
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheConversionCommand() throws IOException {
        Files.writeString(keyFile, pem("RSA PRIVATE KEY", keyBody));

        assertThat(run("--private-key-file", keyFile.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("PKCS#1", "openssl pkcs8 -topk8");
        assertNoKeyIn(out.toString() + err.toString());
    }

    @Test
    void anEncryptedKeyNeedsItsPassphrase() throws IOException {
        Files.writeString(keyFile, pem("ENCRYPTED PRIVATE KEY", keyBody));

        assertThat(run("--private-key-file", keyFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is encrypted: set SNOWFLAKE_PRIVATE_KEY_PASSPHRASE");

        environment.put("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "correct horse");
        err.getBuffer().setLength(0);
        assertThat(run("--private-key-file", keyFile.toString())).as(err.toString()).isZero();
        assertNoKeyIn(out.toString() + err.toString());
        assertThat(out.toString()).doesNotContain("correct horse");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--template", RepoFiles.deploy().resolve("snowflake/connector_config.json").toString(),
                "--output", output.toString()));
        all.addAll(List.of(args));
        CommandLine commandLine = CommandLineFactory.create(new SnowflakeConfigCommand(environment::get));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(all.toArray(String[]::new));
    }

    private void assertNoKeyIn(String printed) {
        // Every 64-character line of the PEM file: not even a fragment of the key may leak.
        for (int i = 0; i + 64 <= keyBody.length(); i += 64) {
            assertThat(printed).doesNotContain(keyBody.substring(i, i + 64));
        }
    }

    private static String pem(String label, String body) {
        StringBuilder pem = new StringBuilder("-----BEGIN " + label + "-----\n");
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return pem.append("-----END ").append(label).append("-----\n").toString();
    }
}
