package io.cryptopipe.transform.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites dbt's Jinja2 idioms that Jinjava reads differently, before Jinjava sees them. Only the code inside
 * {@code {{ }}} and {@code {% %}} is touched, and never the inside of string literals:
 * <ul>
 *   <li>{@code n+1}: Jinjava lexes {@code +1} as a signed literal, so binary {@code +}/{@code -} get spaces;</li>
 *   <li>Python string methods ({@code lower upper startswith endswith}) become their Java twins;</li>
 *   <li>{@code adapter.dispatch('m', 'pkg')(args)}: Jinjava cannot call a call's result, so it becomes
 *       {@code adapter_dispatch_call(['m', 'pkg'], args)};</li>
 *   <li>{@code adapter.get_relation(...)}: Jinjava passes no keyword arguments to Java methods, so it becomes the
 *       function {@code adapter_get_relation(...)};</li>
 *   <li>{@code {% test name(...) %}} blocks become the macro {@code test_name}, as dbt registers them.</li>
 * </ul>
 */
public final class JinjaDialect {
    static final String DISPATCH_CALL = "adapter_dispatch_call";
    private static final Pattern CODE = Pattern.compile("(\\{\\{|\\{%-?)(.*?)(-?%}|}})", Pattern.DOTALL);
    private static final Pattern TEST_BLOCK = Pattern.compile("\\{%(-?)\\s*test\\s+(\\w+)\\s*\\(");
    private static final Pattern END_TEST = Pattern.compile("\\{%(-?)\\s*endtest\\s*(-?)%}");
    private static final Pattern BINARY_SIGN = Pattern.compile("([\\w)\\]])(?<!\\d[eE])([+-])(\\d)");

    private JinjaDialect() {
    }

    public static String toJinjava(String source) {
        String blocks = END_TEST.matcher(TEST_BLOCK.matcher(source).replaceAll("{%$1 macro test_$2("))
                .replaceAll("{%$1 endmacro $2%}");
        Matcher code = CODE.matcher(blocks);
        StringBuilder out = new StringBuilder();
        while (code.find()) {
            String rewritten = code.group(1) + rewriteCode(code.group(2)) + code.group(3);
            code.appendReplacement(out, Matcher.quoteReplacement(rewritten));
        }
        code.appendTail(out);
        return out.toString();
    }

    private static String rewriteCode(String code) {
        StringBuilder out = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(code, i);
                out.append(rewritePlain(plain.toString()));
                plain.setLength(0);
                out.append(code, i, end + 1);
                i = end + 1;
            } else {
                plain.append(c);
                i++;
            }
        }
        out.append(rewritePlain(plain.toString()));
        return rewriteDispatch(out.toString());
    }

    private static int closingQuote(String code, int open) {
        char quote = code.charAt(open);
        for (int i = open + 1; i < code.length(); i++) {
            if (code.charAt(i) == '\\') {
                i++;
            } else if (code.charAt(i) == quote) {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static String rewritePlain(String code) {
        return BINARY_SIGN.matcher(code).replaceAll("$1 $2 $3")
                .replace(".lower()", ".toLowerCase()")
                .replace(".upper()", ".toUpperCase()")
                .replace(".startswith(", ".startsWith(")
                .replace(".endswith(", ".endsWith(")
                .replace("adapter.get_relation(", "adapter_get_relation(");
    }

    private static String rewriteDispatch(String code) {
        String marker = "adapter.dispatch(";
        int at = code.indexOf(marker);
        while (at >= 0) {
            int argsStart = at + marker.length();
            int argsEnd = matchingParen(code, argsStart - 1);
            if (argsEnd < 0) {
                return code;
            }
            int next = argsEnd + 1;
            while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
                next++;
            }
            if (next >= code.length() || code.charAt(next) != '(') {
                at = code.indexOf(marker, argsEnd);
                continue;
            }
            int after = next + 1;
            while (after < code.length() && Character.isWhitespace(code.charAt(after))) {
                after++;
            }
            boolean noCallArgs = after < code.length() && code.charAt(after) == ')';
            String head = DISPATCH_CALL + "([" + code.substring(argsStart, argsEnd) + "]" + (noCallArgs ? "" : ", ");
            code = code.substring(0, at) + head + code.substring(next + 1);
            at = code.indexOf(marker, at + head.length());
        }
        return code;
    }

    private static int matchingParen(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'' || c == '"') {
                i = closingQuote(code, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
