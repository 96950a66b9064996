package io.cryptopipe.app.sink;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of a child JVM that runs one Kafka Connect worker, so a test can kill a worker abruptly.
 * Arguments: bootstrap servers, worker group id, file to publish the REST URI in, then worker properties as key=value.
 * The worker stops cleanly when a line "stop" arrives on stdin.
 */
public final class ConnectWorkerMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmbeddedConnectWorker worker = new EmbeddedConnectWorker(
                new ConnectSettings(args[0], "127.0.0.1", 0, args[1], args[1], overrides));
        worker.start();
        // Written aside and moved, so the parent never reads half a URI.
        Path uriFile = Path.of(args[2]);
        Path partial = uriFile.resolveSibling(uriFile.getFileName() + ".partial");
        Files.writeString(partial, worker.restUri().toString());
        Files.move(partial, uriFile, StandardCopyOption.ATOMIC_MOVE);

        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null && !line.equals("stop")) {
            // any other line is ignored; the parent only ever sends "stop"
        }
        worker.close();
        System.exit(0);
    }
}
