package io.cryptopipe.app.cli;

import picocli.CommandLine;

/** The version Maven wrote into the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{"cryptopipe " + (version == null ? "(development build)" : version)};
    }
}
