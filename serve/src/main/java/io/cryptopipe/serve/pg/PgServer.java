package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.ServeSettings;
import io.cryptopipe.serve.WarehouseConnections;
import io.cryptopipe.serve.guard.QueryGuard;
import io.cryptopipe.serve.guard.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read-only PostgreSQL-protocol endpoint (frontend/backend protocol v3) over the warehouse: one thread per client
 * connection, at most {@link ServeSettings#maxConnections()} of them; the rest are refused with SQLSTATE 53300.
 */
public final class PgServer implements AutoCloseable {
    /** pgjdbc and SQLAlchemy parse the version; this server speaks the protocol and catalog of PostgreSQL 16. */
    public static final String SERVER_VERSION = "16.0";
    static final String SERVER_VERSION_NUM = "160000";
    private static final Logger log = LoggerFactory.getLogger(PgServer.class);

    private final ServeSettings settings;
    private final SessionContext context;
    private final Semaphore connectionSlots;
    private final Map<Integer, PgSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextProcessId = new AtomicInteger(1000 + new SecureRandom().nextInt(30_000));
    private final QueryLimits limits;
    private ServerSocket serverSocket;
    private Thread acceptor;

    public PgServer(ServeSettings settings, WarehouseConnections warehouse) {
        this.settings = settings;
        this.connectionSlots = new Semaphore(settings.maxConnections());
        this.limits = new QueryLimits(settings.queryTimeout(), settings.maxRunningQueries());
        this.context = new SessionContext(settings, warehouse, new StartupHandshake(settings.password(), random),
                new QueryGuard(), new CatalogRewriter(), new CatalogSetup(), limits, this::cancel);
    }

    /** @throws IllegalStateException with a one-line reason if the port cannot be bound */
    public void start() {
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindHost()), settings.port()), 64);
        } catch (BindException e) {
            throw new IllegalStateException("PostgreSQL port " + settings.port() + " on " + settings.bindHost()
                    + " is in use: stop what holds it or pass another --pg-port (0 turns the endpoint off)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the PostgreSQL endpoint on " + settings.bindHost() + ":" + settings.port(), e);
        }
        acceptor = new Thread(this::acceptLoop, "pg-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The libpq connection URI clients use, e.g. {@code postgresql://cryptopipe@127.0.0.1:5433/streaming_db}. */
    public String connectionUri() {
        String host = settings.bindHost().contains(":") ? "[" + settings.bindHost() + "]" : settings.bindHost();
        return "postgresql://" + ServeSettings.USER + "@" + host + ":" + port() + "/" + ServeSettings.DATABASE;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    log.warn("PostgreSQL endpoint stopped accepting: {}", e.getMessage());
                }
                return;
            }
            if (!connectionSlots.tryAcquire()) {
                startThread(() -> refuse(socket), "pg-refuse");
                continue;
            }
            int processId = nextProcessId.incrementAndGet();
            PgSession session = new PgSession(socket, context, processId, random.nextInt(), () -> {
                sessions.remove(processId);
                connectionSlots.release();
            });
            sessions.put(processId, session);
            startThread(session, "pg-session-" + processId);
        }
    }

    private static void startThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers the client's startup with 53300, as PostgreSQL does beyond max_connections. */
    private void refuse(Socket socket) {
        try (socket) {
            PgInput in = new PgInput(socket.getInputStream());
            PgOutput out = new PgOutput(socket.getOutputStream());
            while (true) {
                PgMessage packet = in.readStartup();
                int code = packet.int32();
                if (code == StartupHandshake.SSL_REQUEST || code == StartupHandshake.GSSENC_REQUEST) {
                    out.rawByte('N');
                    out.flush();
                    continue;
                }
                if (code == StartupHandshake.CANCEL_REQUEST) {
                    cancel(packet.int32(), packet.int32());
                    return;
                }
                break;
            }
            out.error("FATAL", SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already: the endpoint serves "
                    + settings.maxConnections() + " connections at once (--pg-max-connections)");
            out.flush();
        } catch (IOException | RuntimeException e) {
            log.debug("refused PostgreSQL connection: {}", e.getMessage());
        }
    }

    private void cancel(int processId, int secretKey) {
        PgSession session = sessions.get(processId);
        if (session != null && session.secretKey() == secretKey) {
            session.cancel();
        }
    }

    @Override
    public void close() {
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException e) {
            log.debug("closing the PostgreSQL endpoint: {}", e.getMessage());
        }
        sessions.values().forEach(PgSession::closeFromServer);
        limits.close();
    }
}
