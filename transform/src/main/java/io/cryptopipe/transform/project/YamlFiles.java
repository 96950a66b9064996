package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a YAML file whose top level must be a mapping; an empty file is an empty mapping. */
final class YamlFiles {
    private YamlFiles() {
    }

    static ConfigMap read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new DbtConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            throw new DbtConfigException(file + ": invalid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new DbtConfigException(file + ": invalid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return new ConfigMap(file, "", Map.of());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new DbtConfigException(file + ": top level must be a mapping of keys to values");
        }
        return ConfigMap.of(file, "", map);
    }
}
