package io.cryptopipe.serve.pg;

import java.util.List;

/** A bound statement: the prepared statement, its parameter values and result formats, and its execution once begun. */
final class Portal implements AutoCloseable {
    private final PreparedQuery statement;
    private final List<Object> parameters;
    private final ResultFormats formats;
    private RunningQuery running;
    private boolean finished;

    Portal(PreparedQuery statement, List<Object> parameters, ResultFormats formats) {
        this.statement = statement;
        this.parameters = parameters;
        this.formats = formats;
    }

    PreparedQuery statement() {
        return statement;
    }

    List<Object> parameters() {
        return parameters;
    }

    ResultFormats formats() {
        return formats;
    }

    RunningQuery running() {
        return running;
    }

    void running(RunningQuery query) {
        this.running = query;
    }

    boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
        close();
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
