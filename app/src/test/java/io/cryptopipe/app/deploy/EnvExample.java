package io.cryptopipe.app.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/.env.example read as Docker Compose reads .env, and the ${VAR} references of other files. */
final class EnvExample {
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[?-][^}]*)?}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private EnvExample() {
    }

    static Map<String, String> variables() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RepoFiles.deploy().resolve(".env.example"))) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches()) {
                variables.put(matcher.group(1), matcher.group(2));
            }
        }
        return variables;
    }

    /** Substitutes ${VAR}, ${VAR:?message} and ${VAR:-default} with the .env.example value, as Compose would. */
    static String interpolate(String text) throws IOException {
        Map<String, String> variables = variables();
        Matcher matcher = INTERPOLATION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), "")));
        }
        return matcher.appendTail(result).toString();
    }

    static Set<String> referencedIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
