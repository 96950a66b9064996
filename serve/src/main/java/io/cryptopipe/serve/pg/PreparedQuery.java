package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.StatementKind;

import java.util.Optional;

/**
 * A parsed statement (Parse, or one statement of a simple query): its SQL as DuckDB will run it, the parameter types
 * the client gave (0 = let the server infer), and how it is answered.
 */
record PreparedQuery(String sql, int[] parameterTypes, StatementKind kind, Optional<SessionStatements.Answer> answer) {
    int parameterType(int index) {
        return index < parameterTypes.length ? parameterTypes[index] : 0;
    }
}
