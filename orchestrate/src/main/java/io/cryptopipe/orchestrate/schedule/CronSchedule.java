package io.cryptopipe.orchestrate.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZonedDateTime;

/** A five-field Unix cron expression (as Airflow and crontab take it), e.g. {@code "* * * * *"} for every minute. */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /** @throws IllegalArgumentException naming the expression and what is wrong with it */
    public static CronSchedule parse(String expression) {
        try {
            return new CronSchedule(expression, ExecutionTime.forCron(PARSER.parse(expression.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage()
                    + " (expected five fields: minute hour day-of-month month day-of-week, e.g. \"* * * * *\")", e);
        }
    }

    /** The first fire time strictly after {@code time}. */
    public ZonedDateTime nextAfter(ZonedDateTime time) {
        return executionTime.nextExecution(time)
                .orElseThrow(() -> new IllegalStateException("cron expression '" + expression + "' never fires again"));
    }

    @Override
    public String toString() {
        return expression;
    }
}
