package io.cryptopipe.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.warehouse.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code sql} prints a result. */
public enum OutputFormat {
    TABLE {
        @Override
        String render(QueryResult result) {
            List<String> header = result.columns();
            List<List<String>> cells = new ArrayList<>();
            for (List<Object> row : result.rows()) {
                cells.add(row.stream().map(v -> v == null ? "NULL" : v.toString()).toList());
            }
            int[] widths = new int[header.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = header.get(i).length();
                for (List<String> row : cells) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder out = new StringBuilder();
            appendRow(out, header, widths);
            out.append(java.util.Arrays.stream(widths).mapToObj("-"::repeat).collect(Collectors.joining("-+-"))).append('\n');
            cells.forEach(row -> appendRow(out, row, widths));
            out.append('(').append(result.rows().size()).append(result.rows().size() == 1 ? " row" : " rows")
                    .append(result.truncated() ? ", truncated: raise --max-rows" : "").append(")\n");
            return out.toString();
        }

        private void appendRow(StringBuilder out, List<String> row, int[] widths) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(" | ");
                }
                out.append(String.format("%-" + Math.max(1, widths[i]) + "s", row.get(i)));
            }
            out.append('\n');
        }
    },
    CSV {
        @Override
        String render(QueryResult result) {
            StringBuilder out = new StringBuilder(String.join(",", result.columns().stream().map(OutputFormat::csvCell).toList())).append('\n');
            for (List<Object> row : result.rows()) {
                out.append(row.stream().map(v -> v == null ? "" : csvCell(v.toString())).collect(Collectors.joining(","))).append('\n');
            }
            return out.toString();
        }
    },
    JSON {
        @Override
        String render(QueryResult result) {
            try {
                return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    abstract String render(QueryResult result);

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
