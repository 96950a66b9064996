package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "snowflake-config", mixinStandardHelpOptions = true,
        description = {"Fill the connector config for Snowflake's Kafka connector from your settings and private key.",
                "$${VAR} and $${VAR:-default} in the template take environment variables (the environment wins over --env-file);",
                "$${SNOWFLAKE_PRIVATE_KEY} takes the body of the private key file. The result is readable only by you;",
                "the private key is never printed. Submit it with the curl line this prints (docs/DEPLOY.md step 5)."})
public final class SnowflakeConfigCommand implements Callable<Integer> {
    static final String TEMPLATE = "deploy/snowflake/connector_config.json";
    static final String KEY_PLACEHOLDER = "SNOWFLAKE_PRIVATE_KEY";
    static final String KEY_FILE_VARIABLE = "SNOWFLAKE_PRIVATE_KEY_FILE";
    static final String PASSPHRASE_VARIABLE = "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE";
    private static final String PASSPHRASE_KEY = "snowflake.private.key.passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--template", description = "Connector config template (default: " + TEMPLATE
            + " in this folder, else in the installation).")
    Path template;

    @Option(names = "--output", description = "Where the filled config goes (default: connector_config.local.json beside the template; git ignores *.local.json).")
    Path output;

    @Option(names = "--env-file", description = "A KEY=VALUE file such as deploy/.env; relative paths in it resolve against its folder.")
    Path envFile;

    @Option(names = "--private-key-file", description = "PKCS#8 PEM private key (default: " + KEY_FILE_VARIABLE + ").")
    Path privateKeyFile;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;

    public SnowflakeConfigCommand() {
        this(System::getenv);
    }

    /** @param environment the process environment, injectable so tests need not change the real one */
    public SnowflakeConfigCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.load(environment, envFile);
        Path templateFile = resolveTemplate(settings);
        Path target = output != null ? output : templateFile.resolveSibling("connector_config.local.json");
        Path keyFile = privateKeyFile != null ? privateKeyFile
                : settings.path(KEY_FILE_VARIABLE).orElseThrow(() -> new UserError(
                        "no private key: pass --private-key-file or set " + KEY_FILE_VARIABLE + " (see deploy/.env.example)"));
        PrivateKeyFile key = PrivateKeyFile.read(keyFile);

        ObjectNode connector = readTemplate(templateFile);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KEY_PLACEHOLDER, key.body());
        ObjectNode filled = (ObjectNode) new Placeholders(settings, values).fill(connector, templateFile);
        if (key.encrypted()) {
            String passphrase = settings.get(PASSPHRASE_VARIABLE).orElseThrow(() -> new UserError(
                    keyFile + " is encrypted: set " + PASSPHRASE_VARIABLE + " to its passphrase"));
            ((ObjectNode) filled.path("config")).put(PASSPHRASE_KEY, passphrase);
        }
        writeOwnerOnly(target, filled);
        report(spec.commandLine().getOut(), target, filled, key, keyFile);
        return ExitCodes.OK;
    }

    private Path resolveTemplate(Settings settings) {
        if (template != null) {
            return requireFile(template, "--template");
        }
        Path local = Path.of(TEMPLATE);
        if (Files.isRegularFile(local)) {
            return local.toAbsolutePath().normalize();
        }
        return settings.get("CRYPTOPIPE_HOME")
                .map(home -> requireFile(Path.of(home, TEMPLATE), "CRYPTOPIPE_HOME"))
                .orElseThrow(() -> new UserError("no " + TEMPLATE + " here: run from the cryptopipe folder or pass --template"));
    }

    private static Path requireFile(Path file, String origin) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(origin + " points to " + file.toAbsolutePath() + ", which is not a file");
        }
        return file.toAbsolutePath().normalize();
    }

    private static ObjectNode readTemplate(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            if (!(json instanceof ObjectNode object) || !object.path("config").isObject()) {
                throw new UserError(file + " is not a connector config: expected {\"name\": ..., \"config\": {...}}");
            }
            return object;
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Written to a temporary file first so a half-written config with a key in it never lies around. */
    private static void writeOwnerOnly(Path target, JsonNode config) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path temp = posix
                    ? Files.createTempFile(dir, ".connector_config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".connector_config", ".tmp");
            try {
                Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage(), ExitCodes.WORK_FAILED);
        }
    }

    /** Only names and addresses: nothing that could carry the key or the passphrase. */
    private static void report(PrintWriter out, Path target, JsonNode filled, PrivateKeyFile key, Path keyFile) {
        JsonNode config = filled.path("config");
        out.println("Wrote " + target + " (readable only by you): connector " + filled.path("name").asText()
                + " loading " + config.path("snowflake.topic2table.map").asText() + " into "
                + config.path("snowflake.database.name").asText() + "." + config.path("snowflake.schema.name").asText()
                + " at " + config.path("snowflake.url.name").asText() + " as " + config.path("snowflake.user.name").asText()
                + " / " + config.path("snowflake.role.name").asText() + ", private key from " + keyFile + ".");
        out.println("Submit it to Kafka Connect:");
        out.println("  curl -i -X POST -H \"Content-Type: application/json\" -d @" + target + " http://localhost:8083/connectors");
        key.publicKeyBody().ifPresent(publicKey -> {
            out.println("RSA_PUBLIC_KEY of this key pair, for deploy/snowflake/bootstrap.sql:");
            out.println("  " + publicKey);
        });
        out.flush();
    }

    /** The environment over an optional env file, as Docker Compose reads deploy/.env. */
    record Settings(Function<String, String> environment, Map<String, String> file, Path fileDir) {
        private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

        static Settings load(Function<String, String> environment, Path envFile) {
            if (envFile == null) {
                return new Settings(environment, Map.of(), Path.of(""));
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError("cannot read --env-file " + envFile + ": " + e.getMessage());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : lines) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    values.put(matcher.group(1), unquote(matcher.group(2).strip()));
                }
            }
            return new Settings(environment, values, envFile.toAbsolutePath().getParent());
        }

        /** Empty counts as unset, as with ${VAR:-default}. */
        Optional<String> get(String name) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                value = file.get(name);
            }
            return Optional.ofNullable(value).filter(v -> !v.isEmpty());
        }

        /** A path from the env file resolves against the file's folder, as Compose does; one from the environment against the working directory. */
        Optional<Path> path(String name) {
            String fromEnvironment = environment.apply(name);
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                return Optional.of(Path.of(fromEnvironment));
            }
            return get(name).map(value -> fileDir.resolve(value).normalize());
        }

        private static String unquote(String value) {
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                return value.substring(1, value.length() - 1);
            }
            return value;
        }
    }

    /** Replaces ${VAR} and ${VAR:-default} in every string of the template; reports all missing variables at once. */
    record Placeholders(Settings settings, Map<String, String> values) {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

        JsonNode fill(JsonNode template, Path templateFile) {
            TreeSet<String> missing = new TreeSet<>();
            JsonNode filled = fill(template, missing);
            if (!missing.isEmpty()) {
                throw new UserError("set " + String.join(", ", missing) + " (in the environment or --env-file, see deploy/.env.example): "
                        + templateFile.getFileName() + " needs " + (missing.size() == 1 ? "it" : "them"));
            }
            return filled;
        }

        private JsonNode fill(JsonNode node, TreeSet<String> missing) {
            if (node.isTextual()) {
                return new TextNode(substitute(node.asText(), missing));
            }
            if (node instanceof ObjectNode object) {
                ObjectNode copy = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    copy.set(field.getKey(), fill(field.getValue(), missing));
                }
                return copy;
            }
            if (node instanceof ArrayNode array) {
                ArrayNode copy = JSON.createArrayNode();
                array.forEach(element -> copy.add(fill(element, missing)));
                return copy;
            }
            return node;
        }

        private String substitute(String text, TreeSet<String> missing) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                Optional<String> value = Optional.ofNullable(values.get(name)).or(() -> settings.get(name))
                        .or(() -> Optional.ofNullable(matcher.group(2)));
                if (value.isEmpty()) {
                    missing.add(name);
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value.orElse("")));
            }
            matcher.appendTail(result);
            return result.toString();
        }
    }

    /**
     * A PKCS#8 PEM private key as Snowflake's key-pair authentication takes it. Error messages name the file and
     * the fix, never any of its content.
     */
    record PrivateKeyFile(String body, boolean encrypted, Optional<String> publicKeyBody) {
        private static final String PLAIN = "PRIVATE KEY";
        private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

        static PrivateKeyFile read(Path file) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UserError("cannot read the private key file " + file + " (" + e.getClass().getSimpleName()
                        + "): check the path and that you may read it");
            }
            if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
                throw new UserError(file + " is a PKCS#1 key; Snowflake takes PKCS#8: convert it with "
                        + "`openssl pkcs8 -topk8 -inform PEM -in " + file + " -out rsa_key.p8 -nocrypt`");
            }
            boolean encrypted = pem.contains("-----BEGIN " + ENCRYPTED + "-----");
            String label = encrypted ? ENCRYPTED : PLAIN;
            String body = between(pem, "-----BEGIN " + label + "-----", "-----END " + label + "-----")
                    .map(text -> text.replaceAll("\\s", ""))
                    .filter(text -> !text.isEmpty())
                    .orElseThrow(() -> new UserError(file + " is not a PEM private key (-----BEGIN PRIVATE KEY-----): create one with "
                            + "`openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -out rsa_key.p8 -nocrypt` (docs/DEPLOY.md step 2)"));
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new UserError(file + " is damaged: the text between its BEGIN and END lines is not base64");
            }
            return new PrivateKeyFile(body, encrypted, encrypted ? Optional.empty() : Optional.of(publicKeyOf(der, file)));
        }

        private static String publicKeyOf(byte[] pkcs8, Path file) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey key)) {
                    throw new UserError(file + " holds no RSA key with its public exponent; Snowflake needs an RSA key pair");
                }
                return Base64.getEncoder().encodeToString(rsa.generatePublic(
                        new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
            } catch (GeneralSecurityException e) {
                throw new UserError(file + " is not an RSA private key in PKCS#8 form; Snowflake needs an RSA key pair");
            }
        }

        private static Optional<String> between(String text, String begin, String end) {
            int start = text.indexOf(begin);
            int stop = text.indexOf(end);
            if (start < 0 || stop < start) {
                return Optional.empty();
            }
            return Optional.of(text.substring(start + begin.length(), stop));
        }
    }
}
