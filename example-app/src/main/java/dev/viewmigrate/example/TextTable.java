package dev.viewmigrate.example;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for terminal output that reads like {@code psql}'s. */
final class TextTable {
    /** A column: its header and whether values are right-aligned (numbers). */
    record Column(String header, boolean rightAligned) {
        static Column left(String header) {
            return new Column(header, false);
        }

        static Column right(String header) {
            return new Column(header, true);
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(Column... columns) {
        this.columns = List.of(columns);
    }

    TextTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(value == null ? "" : value.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> headers = columns.stream().map(Column::header).toList();
        out.println(indent + line(headers, widths));
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        out.println(indent + String.join("-+-", rules));
        for (List<String> row : rows) {
            out.println(indent + line(row, widths));
        }
    }

    private String line(List<String> values, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                text.append(" | ");
            }
            String value = values.get(i);
            String padding = " ".repeat(widths[i] - value.length());
            text.append(columns.get(i).rightAligned() ? padding + value : value + padding);
        }
        // Trailing spaces of the last column only make copy-pasted output ugly.
        return text.toString().stripTrailing();
    }
}
