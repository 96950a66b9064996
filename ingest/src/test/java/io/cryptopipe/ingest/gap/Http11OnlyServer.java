package io.cryptopipe.ingest.gap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain HTTP/1.1 server on loopback that refuses any request offering an h2c upgrade with 400, as servers built on
 * node's {@code ws} and many proxies do, and answers every other GET with a fixed JSON body.
 */
final class Http11OnlyServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String body;
    private final List<String> requestLines = new ArrayList<>();
    private final Thread acceptor;

    Http11OnlyServer(String body) throws IOException {
        this.body = body;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "http11-only-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    synchronized List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                boolean upgrade = false;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    upgrade |= lower.startsWith("upgrade:") && lower.contains("h2c");
                }
                synchronized (this) {
                    requestLines.add(requestLine);
                }
                String text = upgrade ? "{\"error\":\"h2c upgrade refused\"}" : body;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(((upgrade ? "HTTP/1.1 400 Bad Request" : "HTTP/1.1 200 OK") + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // closed, or a client gave up: serve the next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
