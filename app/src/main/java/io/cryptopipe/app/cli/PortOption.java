package io.cryptopipe.app.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port validation shared by every command that opens or reaches a port. */
final class PortOption {
    private PortOption() {
    }

    static int check(String option, int port) {
        if (port < 1 || port > 65535) {
            throw new UserError(option + " must be a port between 1 and 65535, got " + port);
        }
        return port;
    }

    /** Fails with one line naming the port, its role and the flag to change it when something already listens there. */
    static void requireFree(String host, int port, String role, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UserError("port " + port + " (" + role + ") on " + host
                    + " is in use, perhaps by another `cryptopipe up`: stop it or pass " + option + " <other port>");
        }
    }
}
