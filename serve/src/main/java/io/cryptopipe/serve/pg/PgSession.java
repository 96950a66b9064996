package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;
import io.cryptopipe.serve.guard.SqlText;
import io.cryptopipe.serve.guard.StatementKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One client connection: the startup handshake, then the simple and extended query protocols until the client
 * terminates. A reader thread takes messages off the socket meanwhile, so that a client that goes away is noticed
 * (and its running query cancelled) even while DuckDB computes.
 */
final class PgSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PgSession.class);

    private final Socket socket;
    private final SessionContext context;
    private final int processId;
    private final int secretKey;
    private final Runnable onClose;
    private final Map<String, PreparedQuery> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final BlockingQueue<PgMessage> inbox = new ArrayBlockingQueue<>(256);
    private final SessionConnections connections;
    private SessionStatements sessionStatements;
    private PgOutput out;
    private boolean inTransaction;
    private boolean failedTransaction;
    private boolean skipUntilSync;
    private volatile Statement executing;
    private volatile boolean cancelRequested;

    PgSession(Socket socket, SessionContext context, int processId, int secretKey, Runnable onClose) {
        this.socket = socket;
        this.context = context;
        this.processId = processId;
        this.secretKey = secretKey;
        this.onClose = onClose;
        this.connections = new SessionConnections(context.warehouse(), context.catalog());
    }

    int secretKey() {
        return secretKey;
    }

    /** CancelRequest: interrupts the statement running now, if any. */
    void cancel() {
        cancelRequested = true;
        Statement statement = executing;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                log.debug("cancel of session {} failed: {}", processId, e.getMessage());
            }
        }
    }

    /** Server shutdown: cancels the running query and closes the socket, which ends the session's threads. */
    void closeFromServer() {
        cancel();
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void run() {
        try (socket) {
            PgInput in = new PgInput(socket.getInputStream());
            out = new PgOutput(socket.getOutputStream());
            Optional<Map<String, String>> startup;
            try {
                startup = context.handshake().perform(in, out, socket.getInetAddress(), context.cancels());
            } catch (QueryRefused e) {
                out.error("FATAL", e.sqlState(), e.getMessage());
                out.flush();
                return;
            }
            if (startup.isEmpty()) {
                return;
            }
            greet(startup.get());
            startReader(in);
            serve();
        } catch (IOException e) {
            log.debug("PostgreSQL session {} ended: {}", processId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            portals.values().forEach(Portal::close);
            connections.close();
            onClose.run();
        }
    }

    private void greet(Map<String, String> startup) throws IOException {
        sessionStatements = new SessionStatements(startup.getOrDefault("application_name", ""),
                context.limits().timeout().toSeconds(), context.settings().maxConnections());
        for (Map.Entry<String, String> status : sessionStatements.parameterStatus().entrySet()) {
            out.parameterStatus(status.getKey(), status.getValue());
        }
        out.backendKeyData(processId, secretKey);
        out.readyForQuery('I');
    }

    private void startReader(PgInput in) {
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    PgMessage message = in.read();
                    if (message.type() == PgMessage.DISCONNECTED) {
                        disconnected();
                        break;
                    }
                    inbox.put(message);
                    if (message.type() == 'X') {
                        break;
                    }
                }
            } catch (IOException | QueryRefused e) {
                disconnected();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pg-reader-" + processId);
        reader.setDaemon(true);
        reader.start();
    }

    private void disconnected() {
        cancel();
        inbox.clear();
        inbox.offer(new PgMessage(PgMessage.DISCONNECTED, java.nio.ByteBuffer.allocate(0)));
    }

    private void serve() throws IOException, InterruptedException {
        while (true) {
            PgMessage message = inbox.take();
            if (message.type() == PgMessage.DISCONNECTED) {
                cancel();
                return;
            }
            if (message.type() == 'X') {
                return;
            }
            if (skipUntilSync && message.type() != 'S') {
                continue;
            }
            try {
                handle(message);
            } catch (QueryRefused e) {
                fail(e);
            } catch (RuntimeException e) {
                log.warn("PostgreSQL session {}: {} failed", processId, message.type(), e);
                fail(new QueryRefused(SqlState.INTERNAL_ERROR, "internal error: " + e));
            }
        }
    }

    private void fail(QueryRefused e) throws IOException {
        out.error("ERROR", e.sqlState(), e.getMessage());
        if (inTransaction) {
            failedTransaction = true;
        }
        skipUntilSync = true;
    }

    private void handle(PgMessage message) throws IOException {
        switch (message.type()) {
            case 'Q' -> simpleQuery(message.cstring());
            case 'P' -> parse(message);
            case 'B' -> bind(message);
            case 'D' -> describe(message);
            case 'E' -> execute(message);
            case 'C' -> close(message);
            case 'S' -> sync();
            case 'H' -> out.flush();
            case 'F' -> throw new QueryRefused(SqlState.FEATURE_NOT_SUPPORTED, "function calls are not supported");
            case 'd', 'c', 'f' -> throw new QueryRefused(SqlState.FEATURE_NOT_SUPPORTED, "COPY is not supported: the warehouse is read-only over this port");
            default -> throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "unexpected message type '" + message.type() + "'");
        }
    }

    private void simpleQuery(String sql) throws IOException {
        closePortal("");
        List<String> parts = SqlText.split(sql);
        if (parts.isEmpty()) {
            out.emptyQuery();
        }
        for (String part : parts) {
            try (Portal portal = new Portal(prepare(part, new int[0]), List.of(), ResultFormats.TEXT)) {
                run(portal, 0, true);
            } catch (QueryRefused e) {
                out.error("ERROR", e.sqlState(), e.getMessage());
                if (inTransaction) {
                    failedTransaction = true;
                }
                break;
            }
        }
        endOfCommand();
    }

    private void endOfCommand() throws IOException {
        if (!inTransaction) {
            new ArrayList<>(portals.keySet()).forEach(this::closePortal);
        }
        out.readyForQuery(failedTransaction ? 'E' : inTransaction ? 'T' : 'I');
    }

    private PreparedQuery prepare(String sql, int[] parameterTypes) {
        StatementKind kind = StatementKind.of(sql);
        String keyword = StatementKind.leadingKeyword(sql);
        boolean endsTransaction = keyword.equals("commit") || keyword.equals("rollback") || keyword.equals("end")
                || keyword.equals("abort");
        if (failedTransaction && !endsTransaction) {
            throw new QueryRefused(SqlState.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (kind == StatementKind.WRITE) {
            throw new QueryRefused(SqlState.READ_ONLY_TRANSACTION, "the warehouse is read-only over this port: "
                    + keyword.toUpperCase(Locale.ROOT) + " is refused (only SELECT, WITH, SHOW, EXPLAIN and DESCRIBE run)");
        }
        Optional<SessionStatements.Answer> answer = kind == StatementKind.EMPTY ? Optional.empty() : sessionStatements.answer(sql);
        String runnable = kind == StatementKind.READ && answer.isEmpty() ? context.rewriter().rewrite(sql) : sql;
        return new PreparedQuery(runnable, parameterTypes, kind, answer);
    }

    /** Executes a portal: a session answer, or a read whose rows stream until done or {@code maxRows} went out. */
    private void run(Portal portal, long maxRows, boolean simple) throws IOException {
        PreparedQuery query = portal.statement();
        if (query.answer().isPresent()) {
            SessionStatements.Answer answer = query.answer().get();
            if (answer.hasRow()) {
                if (simple) {
                    out.rowDescription(List.of(new PgColumn(answer.column(), PgType.TEXT, -1)), null);
                }
                out.body().int16(1).lengthPrefixedText(answer.value());
                out.send('D');
            }
            out.commandComplete(answer.tag());
            transactionEffect(answer.tag());
            return;
        }
        if (query.kind() == StatementKind.EMPTY) {
            out.emptyQuery();
            return;
        }
        if (portal.finished()) {
            out.commandComplete("SELECT 0");
            return;
        }
        RunningQuery running = portal.running();
        if (running == null) {
            running = start(portal);
        } else {
            running.resume(this::execution);
        }
        if (simple) {
            out.rowDescription(running.columns(), null);
        }
        try {
            executing = running.statement();
            boolean complete = running.sendRows(out, portal.formats(), maxRows);
            if (complete) {
                out.commandComplete(running.tag());
                portal.finish();
            } else {
                running.suspend();
                out.portalSuspended();
            }
        } catch (SQLException e) {
            QueryRefused refused = running.failure(e, cancelRequested);
            portal.finish();
            throw refused;
        } finally {
            executing = null;
        }
    }

    private QueryLimits.Execution execution(Statement statement) {
        cancelRequested = false;
        return context.limits().begin(statement);
    }

    private RunningQuery start(Portal portal) {
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (SQLException e) {
            throw new QueryRefused(SqlState.INTERNAL_ERROR, "cannot open the warehouse: " + PgErrors.firstLine(e.getMessage()));
        }
        PreparedStatement statement = null;
        QueryLimits.Execution execution = null;
        try {
            context.guard().check(connection, portal.statement().sql());
            statement = connection.prepareStatement(portal.statement().sql());
            List<Object> parameters = portal.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            execution = execution(statement);
            executing = statement;
            ResultSet resultSet = statement.executeQuery();
            RunningQuery running = new RunningQuery(connections, connection, statement, resultSet, execution,
                    context.limits().timeout().toSeconds());
            portal.running(running);
            return running;
        } catch (SQLException e) {
            QueryRefused refused = PgErrors.of(e, execution != null && execution.timedOut(), cancelRequested,
                    context.limits().timeout().toSeconds());
            abandon(connection, statement, execution);
            throw refused;
        } catch (RuntimeException e) {
            abandon(connection, statement, execution);
            throw e;
        } finally {
            executing = null;
        }
    }

    private void abandon(Connection connection, PreparedStatement statement, QueryLimits.Execution execution) {
        if (execution != null) {
            execution.close();
        }
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // a failed statement; the connection stays usable
            }
        }
        connections.release(connection);
    }

    private void transactionEffect(String tag) {
        switch (tag) {
            case "BEGIN", "START TRANSACTION" -> inTransaction = true;
            case "COMMIT", "ROLLBACK" -> {
                inTransaction = false;
                failedTransaction = false;
            }
            default -> {
                // other session statements leave the transaction state alone
            }
        }
    }

    private void parse(PgMessage message) throws IOException {
        String name = message.cstring();
        String sql = message.cstring();
        int count = message.int16();
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            types[i] = message.int32();
        }
        List<String> parts = SqlText.split(sql);
        if (parts.size() > 1) {
            throw new QueryRefused(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        statements.put(name, prepare(parts.isEmpty() ? "" : parts.get(0), types));
        out.parseComplete();
    }

    private void bind(PgMessage message) throws IOException {
        String portalName = message.cstring();
        String statementName = message.cstring();
        PreparedQuery statement = statements.get(statementName);
        if (statement == null) {
            throw new QueryRefused(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + statementName + "\" does not exist");
        }
        short[] parameterFormats = new short[message.int16()];
        for (int i = 0; i < parameterFormats.length; i++) {
            parameterFormats[i] = (short) message.int16();
        }
        int count = message.int16();
        List<Object> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] value = message.bytes(message.int32());
            boolean binary = parameterFormats.length == 1 ? parameterFormats[0] == 1
                    : i < parameterFormats.length && parameterFormats[i] == 1;
            parameters.add(PgParameters.decode(statement.parameterType(i), binary, value));
        }
        short[] resultFormats = new short[message.int16()];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = (short) message.int16();
        }
        closePortal(portalName);
        portals.put(portalName, new Portal(statement, parameters, new ResultFormats(resultFormats)));
        out.bindComplete();
    }

    private void describe(PgMessage message) throws IOException {
        char target = (char) message.int8();
        String name = message.cstring();
        if (target == 'S') {
            PreparedQuery statement = statements.get(name);
            if (statement == null) {
                throw new QueryRefused(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
            }
            describeStatement(statement);
            return;
        }
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new QueryRefused(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        PreparedQuery query = portal.statement();
        if (query.answer().isPresent()) {
            describeAnswer(query.answer().get());
        } else if (query.kind() == StatementKind.EMPTY || portal.finished()) {
            out.noData();
        } else {
            RunningQuery running = portal.running() != null ? portal.running() : start(portal);
            running.suspend();
            out.rowDescription(running.columns(), portal.formats().expand(running.columns().size()));
        }
    }

    private void describeAnswer(SessionStatements.Answer answer) throws IOException {
        if (answer.hasRow()) {
            out.rowDescription(List.of(new PgColumn(answer.column(), PgType.TEXT, -1)), null);
        } else {
            out.noData();
        }
    }

    private void describeStatement(PreparedQuery statement) throws IOException {
        if (statement.answer().isPresent() || statement.kind() == StatementKind.EMPTY) {
            out.parameterDescription(statement.parameterTypes());
            if (statement.answer().isPresent()) {
                describeAnswer(statement.answer().get());
            } else {
                out.noData();
            }
            return;
        }
        Connection connection;
        try {
            connection = connections.acquire();
        } catch (SQLException e) {
            throw new QueryRefused(SqlState.INTERNAL_ERROR, "cannot open the warehouse: " + PgErrors.firstLine(e.getMessage()));
        }
        try {
            context.guard().check(connection, statement.sql());
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                ParameterMetaData parameters = prepared.getParameterMetaData();
                int[] types = new int[parameters.getParameterCount()];
                for (int i = 0; i < types.length; i++) {
                    types[i] = statement.parameterType(i) != 0 ? statement.parameterType(i) : inferredType(parameters, i + 1);
                }
                out.parameterDescription(types);
                ResultSetMetaData meta = prepared.getMetaData();
                if (meta == null || meta.getColumnCount() == 0) {
                    out.noData();
                } else {
                    out.rowDescription(PgColumn.of(meta), null);
                }
            }
        } catch (SQLException e) {
            throw PgErrors.of(e, false, false, context.limits().timeout().toSeconds());
        } finally {
            connections.release(connection);
        }
    }

    private static int inferredType(ParameterMetaData parameters, int index) {
        try {
            return PgType.ofDuckDb(parameters.getParameterTypeName(index)).oid();
        } catch (SQLException | RuntimeException e) {
            return PgType.TEXT.oid();
        }
    }

    private void execute(PgMessage message) throws IOException {
        String name = message.cstring();
        int maxRows = message.int32();
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new QueryRefused(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        run(portal, maxRows, false);
    }

    private void close(PgMessage message) throws IOException {
        char target = (char) message.int8();
        String name = message.cstring();
        if (target == 'S') {
            statements.remove(name);
        } else {
            closePortal(name);
        }
        out.closeComplete();
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            portal.close();
        }
    }

    private void sync() throws IOException {
        skipUntilSync = false;
        endOfCommand();
    }
}
