package dev.paddock.agent.machines;

import dev.paddock.common.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The reference's {@code X-Filter: <property>=<regex>[,i]} header: keeps items whose top-level property matches the
 * regular expression ({@code ,i} = case-insensitive). Property names match PD's keys exactly or ignoring case.
 */
public record MachineFilter(String property, Pattern pattern) {

    public static @Nullable MachineFilter parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int equals = header.indexOf('=');
        if (equals <= 0) {
            throw ProblemException.badRequest(
                    "invalid-filter", "X-Filter must look like <property>=<regex>[,i], e.g. Name=^ci-.*,i");
        }
        String property = header.substring(0, equals).trim();
        String expression = header.substring(equals + 1);
        int flags = 0;
        if (expression.endsWith(",i")) {
            expression = expression.substring(0, expression.length() - 2);
            flags = Pattern.CASE_INSENSITIVE;
        }
        if (expression.length() > 256) {
            throw ProblemException.badRequest(
                    "invalid-filter", "The X-Filter expression is longer than 256 characters.");
        }
        try {
            return new MachineFilter(property, Pattern.compile(expression, flags));
        } catch (PatternSyntaxException e) {
            throw ProblemException.badRequest(
                    "invalid-filter", "X-Filter has an invalid regular expression: " + e.getDescription());
        }
    }

    public boolean matches(JsonNode item) {
        JsonNode value = item.get(property);
        if (value == null) {
            Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equalsIgnoreCase(property)) {
                    value = field.getValue();
                    break;
                }
            }
        }
        if (value == null || value.isNull()) {
            return false;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return pattern.matcher(text).find();
    }
}
