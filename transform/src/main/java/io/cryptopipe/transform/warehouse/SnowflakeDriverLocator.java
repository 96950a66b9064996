package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.DbtConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Snowflake's JDBC driver: on the class path when someone put it there, else the jar the app build copies
 * beside the app jar ({@code app/target/lib}, or the folder in {@code CRYPTOPIPE_DRIVERS_DIR}). That jar is loaded in
 * a class loader of its own because it registers global services (XML parsers, security providers) that must not
 * leak into the broker, Connect or DuckDB running in the same process.
 */
final class SnowflakeDriverLocator {
    static final String DRIVER_CLASS = "net.snowflake.client.api.driver.SnowflakeDriver";
    private static final String JAR_PREFIX = "snowflake-jdbc-";

    private final List<Path> folders;
    private final boolean classPathFirst;

    /** @param classPathFirst whether a driver on the class path wins over the folders (false: folders only) */
    SnowflakeDriverLocator(List<Path> folders, boolean classPathFirst) {
        this.folders = List.copyOf(folders);
        this.classPathFirst = classPathFirst;
    }

    /** The folders the app looks in: {@code CRYPTOPIPE_DRIVERS_DIR}, then {@code $CRYPTOPIPE_HOME/app/target/lib}. */
    static SnowflakeDriverLocator forApp() {
        Stream<Path> explicit = Optional.ofNullable(System.getenv("CRYPTOPIPE_DRIVERS_DIR")).map(Path::of).stream();
        Stream<Path> home = Optional.ofNullable(System.getenv("CRYPTOPIPE_HOME"))
                .map(h -> Path.of(h, "app", "target", "lib")).stream();
        return new SnowflakeDriverLocator(Stream.concat(explicit, home).toList(), true);
    }

    Driver driver() {
        if (classPathFirst) {
            try {
                return instantiate(Class.forName(DRIVER_CLASS));
            } catch (ClassNotFoundException notOnClassPath) {
                // the usual case for the app: the jar beside it
            }
        }
        Path jar = folders.stream().flatMap(SnowflakeDriverLocator::driverJars).findFirst()
                .orElseThrow(() -> new DbtConfigException("Snowflake's JDBC driver was not found (looked for "
                        + (classPathFirst ? DRIVER_CLASS + " on the class path and " : "") + JAR_PREFIX + "*.jar in "
                        + folders + "): rebuild with the ./cryptopipe launcher, which copies it to app/target/lib, "
                        + "or set CRYPTOPIPE_DRIVERS_DIR to a folder holding snowflake-jdbc-<version>.jar"));
        return load(jar);
    }

    private static Stream<Path> driverJars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(JAR_PREFIX)
                    && f.getFileName().toString().endsWith(".jar")).sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Driver load(Path jar) {
        try {
            // Parent: the platform loader, so the driver sees the JDK's java.sql but none of our libraries.
            URLClassLoader loader = new URLClassLoader("snowflake-jdbc", new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            return instantiate(Class.forName(DRIVER_CLASS, true, loader));
        } catch (MalformedURLException | ClassNotFoundException e) {
            throw new DbtConfigException(jar + " does not hold Snowflake's JDBC driver (" + DRIVER_CLASS + "): " + e);
        }
    }

    private static Driver instantiate(Class<?> driverClass) {
        try {
            return (Driver) driverClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DbtConfigException("cannot start Snowflake's JDBC driver " + driverClass.getName() + ": " + e);
        }
    }
}
