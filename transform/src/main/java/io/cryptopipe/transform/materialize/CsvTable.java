package io.cryptopipe.transform.materialize;

import java.util.ArrayList;
import java.util.List;

/** A seed CSV read as RFC 4180: a header row, then rows of text cells (quoted cells may hold commas and newlines). */
record CsvTable(List<String> header, List<List<String>> rows) {
    static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        return new CsvTable(header, records.subList(1, records.size()));
    }
}
