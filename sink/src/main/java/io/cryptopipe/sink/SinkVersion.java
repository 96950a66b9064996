package io.cryptopipe.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, written into a resource by Maven so it is right in tests and in the shipped jar alike. */
final class SinkVersion {

    private static final String RESOURCE = "sink-version.properties";

    private SinkVersion() {
    }

    static String current() {
        try (InputStream in = SinkVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the sink jar");
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
