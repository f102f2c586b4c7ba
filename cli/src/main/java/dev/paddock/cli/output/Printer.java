package dev.paddock.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prints what a command got back: an aligned table for people (the columns each command chooses), or the server's
 * JSON untouched, as JSON or YAML, for scripts.
 */
public final class Printer {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final PrintWriter out;
    private final OutputFormat format;

    public Printer(PrintWriter out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    /** A column: its header and how to read it from one item. */
    public record Column(String header, Function<JsonNode, String> value) {

        public static Column field(String header, String field) {
            return new Column(header, node -> text(node.path(field)));
        }
    }

    /** Prints a list (or a single object as a one-row table). */
    public void print(JsonNode data, List<Column> columns) {
        switch (format) {
            case JSON -> out.println(JSON.writeValueAsString(data));
            case YAML -> out.print(YAML.writeValueAsString(data));
            case TABLE -> table(data.isArray() ? data : JSON.createArrayNode().add(data), columns);
        }
        out.flush();
    }

    /** Prints a message for people; in JSON/YAML mode prints the data instead, so scripts always get data. */
    public void message(String message, JsonNode data) {
        if (format == OutputFormat.TABLE) {
            out.println(message);
        } else {
            print(data, List.of());
        }
        out.flush();
    }

    private void table(JsonNode rows, List<Column> columns) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toArray(String[]::new));
        rows.forEach(
                row -> cells.add(columns.stream().map(c -> c.value().apply(row)).toArray(String[]::new)));
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s   ", line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    /** The rows of a list whose {@code field} equals {@code value}, ignoring case (client-side filters). */
    public static JsonNode rowsWhere(JsonNode rows, String field, String value) {
        ArrayNode kept = JSON.createArrayNode();
        rows.forEach(row -> {
            if (row.path(field).asString().equalsIgnoreCase(value)) {
                kept.add(row);
            }
        });
        return kept;
    }

    /** A JSON value as table text: arrays joined with commas, missing values empty. */
    public static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(item -> parts.add(text(item)));
            return String.join(",", parts);
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
