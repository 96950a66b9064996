package io.cryptopipe.app.sink;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects the sink's WARN and ERROR events and the ERRORs of Connect's sink task runner while installed: a failed
 * warehouse write shows up there (the sink logs it before raising RetriableException, Connect logs it again).
 */
final class CapturedWarnings extends AbstractAppender implements AutoCloseable {
    private static final String SINK = "io.cryptopipe.sink";
    private static final String SINK_TASK_RUNNER = "org.apache.kafka.connect.runtime.WorkerSinkTask";

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    CapturedWarnings() {
        super("captured-warnings", null, null, true, Property.EMPTY_ARRAY);
        start();
        context.getConfiguration().getRootLogger().addAppender(this, Level.WARN, null);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        // Connect's own WARNs (a slow offset commit on a loaded machine) are not failed writes; its ERRORs are.
        boolean fromSink = event.getLoggerName().startsWith(SINK);
        if (fromSink || event.getLoggerName().equals(SINK_TASK_RUNNER) && event.getLevel().isMoreSpecificThan(Level.ERROR)) {
            messages.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
        }
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
