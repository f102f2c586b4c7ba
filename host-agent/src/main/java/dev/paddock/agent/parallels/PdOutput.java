package dev.paddock.agent.parallels;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON that PD tools print, tolerating what real PD puts around it: a licence or edition note before it
 * (REF license.go strips "This feature is not available in this edition of Parallels Desktop."), warnings after it, and
 * control characters (vagrant-parallels driver/base.rb:891-911, its issues GH-204 and GH-219). The JSON is the first
 * line that starts with '[' or '{' through the last line that ends with ']' or '}'.
 */
public final class PdOutput {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private PdOutput() {}

    /** The JSON document in {@code output}; an empty object when PD printed nothing (as snapshot-list may). */
    public static JsonNode json(String output) {
        String cleaned = output.replaceAll("\\x1B\\[[0-9;?]*[A-Za-z]", "")
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "");
        List<String> lines = cleaned.lines().toList();
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (first < 0 && (line.startsWith("[") || line.startsWith("{"))) {
                first = i;
            }
            if (line.endsWith("]") || line.endsWith("}")) {
                last = i;
            }
        }
        if (first < 0) {
            if (cleaned.isBlank()) {
                return JSON.createObjectNode();
            }
            throw new PdOutputUnreadable("no JSON in PD's output: " + abbreviate(cleaned));
        }
        if (last < first) {
            throw new PdOutputUnreadable("PD's JSON output is cut short: " + abbreviate(cleaned));
        }
        String document = String.join("\n", lines.subList(first, last + 1));
        try {
            return JSON.readTree(document);
        } catch (JacksonException e) {
            throw new PdOutputUnreadable("PD printed JSON the agent cannot read: " + e.getOriginalMessage());
        }
    }

    /** The elements of a JSON array (a lone object counts as one element; nothing as none). */
    public static List<JsonNode> array(String output) {
        JsonNode parsed = json(output);
        List<JsonNode> nodes = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(nodes::add);
        } else if (parsed.isObject() && !parsed.isEmpty()) {
            nodes.add(parsed);
        }
        return nodes;
    }

    public static ObjectNode object(String output) {
        JsonNode parsed = json(output);
        if (!parsed.isObject()) {
            throw new PdOutputUnreadable("PD printed a JSON " + parsed.getNodeType() + " where an object was expected");
        }
        return (ObjectNode) parsed;
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** PD printed something the agent cannot read: a format change, which the agent must not guess around. */
    public static final class PdOutputUnreadable extends RuntimeException {
        PdOutputUnreadable(String message) {
            super(message);
        }
    }
}
