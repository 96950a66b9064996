package io.cryptopipe.serve.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical helpers over SQL text that respect quotes ('..', "..", E'..', $tag$..$tag$) and comments (-- and nested
 * block comments), which is all that splitting statements and finding keywords needs.
 */
public final class SqlText {
    private SqlText() {
    }

    /** The statements of a simple-query message, split on top-level semicolons, blank ones dropped. */
    public static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                add(statements, sql.substring(start, i));
                start = ++i;
            } else {
                i = skipToken(sql, i);
            }
        }
        add(statements, sql.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        if (skipCommentsAndSpace(statement, 0) < statement.length()) {
            statements.add(statement.strip());
        }
    }

    /** The index after the token at {@code i}: a whole quoted string or comment, else one character. */
    static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            return skipQuoted(sql, i, c);
        }
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline + 1;
        }
        if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
            return skipBlockComment(sql, i);
        }
        if (c == '$') {
            int tagEnd = i + 1;
            while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            boolean positional = tagEnd > i + 1 && Character.isDigit(sql.charAt(i + 1));
            if (!positional && tagEnd < sql.length() && sql.charAt(tagEnd) == '$') {
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                return close < 0 ? sql.length() : close + tag.length();
            }
        }
        return i + 1;
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int j = i + 1;
        boolean backslashEscapes = quote == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int j = i;
        while (j < sql.length()) {
            if (sql.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (sql.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return sql.length();
    }

    /** The index of the first character at or after {@code from} that is neither white space nor in a comment. */
    public static int skipCommentsAndSpace(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                i = skipToken(sql, i);
            } else {
                return i;
            }
        }
        return i;
    }
}
