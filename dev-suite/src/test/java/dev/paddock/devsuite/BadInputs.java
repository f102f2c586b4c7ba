package dev.paddock.devsuite;

import dev.paddock.devsuite.OpenApiOperations.Operation;
import dev.paddock.devsuite.OpenApiOperations.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed requests for one documented operation, derived from its inputs: odd path parameters (encoded slashes and
 * dots, {@code %00}, 300 characters, non-ASCII, out-of-range numbers), odd query values, and bodies that are not JSON,
 * of the wrong top-level type, missing required fields, or with one field of the wrong type, holding NUL or control
 * characters, huge, empty or out of range. Path ids are ones nobody has, so no case can reach an existing record.
 */
final class BadInputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNKNOWN_ID = "no-such-record-4711";

    /**
     * One malformed request. {@code mustBeRefused}: the input is invalid whatever the operation (not JSON, a wrong type,
     * NUL); the others may be acceptable to some operations (an empty string, a long name, -1) and must only not break
     * them.
     */
    record Case(String label, String target, @Nullable String body, boolean mustBeRefused) {}

    private static final List<String> PATH_VALUES = List.of(
            "%00",
            "a%2Fb",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e",
            "x".repeat(300),
            "%C3%A9t%C3%A9%F0%9F%99%82",
            "-1",
            "99999999999999999999999",
            "%20",
            "%0A",
            "a%5Cb");

    private BadInputs() {}

    static List<Case> of(Operation operation) {
        List<Case> cases = new ArrayList<>();
        String plain = withIds(operation.path(), null, null);
        for (String parameter : operation.pathParameters()) {
            for (String value : PATH_VALUES) {
                cases.add(new Case(
                        "path " + parameter + "=" + abbreviate(value),
                        withIds(operation.path(), parameter, value),
                        null,
                        false));
            }
        }
        for (Parameter parameter : operation.queryParameters()) {
            String query = plain + "?" + parameter.name() + "=";
            cases.add(new Case("query " + parameter.name() + " with NUL", query + "a%00b", null, true));
            cases.add(
                    new Case("query " + parameter.name() + " of 300 characters", query + "x".repeat(300), null, false));
            cases.add(new Case("query " + parameter.name() + " empty", query, null, false));
            cases.add(new Case("query " + parameter.name() + "=-1", query + "-1", null, false));
            if (List.of("integer", "number", "boolean").contains(parameter.type())) {
                cases.add(new Case(
                        "query " + parameter.name() + " not a " + parameter.type(), query + "abc", null, true));
            }
        }
        Map<String, String> properties = operation.body().properties();
        if (!properties.isEmpty()) {
            cases.add(new Case("body not JSON", plain, "{\"unterminated\": ", true));
            cases.add(new Case("body an array", plain, "[]", true));
            cases.add(new Case("body a string", plain, "\"text\"", true));
            cases.add(new Case("body a number", plain, "42", true));
            cases.add(new Case(
                    "body empty object",
                    plain,
                    "{}",
                    !operation.body().required().isEmpty()));
            properties.forEach((name, type) -> {
                cases.add(new Case("body " + name + " of the wrong type", plain, json(name, wrongType(type)), true));
                if (type.equals("string")) {
                    cases.add(new Case("body " + name + " with NUL", plain, json(name, "a\u0000b"), true));
                    cases.add(new Case(
                            "body " + name + " control characters", plain, json(name, "\u0001\u001b[31m"), false));
                    cases.add(new Case("body " + name + " non-ASCII", plain, json(name, "été 🙂 ǅ"), false));
                    cases.add(new Case(
                            "body " + name + " of 100,000 characters", plain, json(name, "x".repeat(100_000)), false));
                    cases.add(new Case("body " + name + " empty", plain, json(name, ""), false));
                }
                if (type.equals("integer") || type.equals("number")) {
                    cases.add(new Case("body " + name + "=-1", plain, json(name, -1), false));
                    cases.add(new Case(
                            "body " + name + " beyond a long",
                            plain,
                            "{\"" + name + "\": 9223372036854775808}",
                            false));
                    cases.add(new Case("body " + name + "=1e308", plain, "{\"" + name + "\": 1e308}", false));
                }
            });
        }
        return cases;
    }

    /** The path with every parameter an id nobody has, {@code odd} (already percent-encoded) for one of them. */
    static String withIds(String path, @Nullable String parameter, @Nullable String odd) {
        String result = path;
        if (parameter != null && odd != null) {
            result = result.replace("{" + parameter + "}", odd);
        }
        return result.replaceAll("\\{[^}]+}", UNKNOWN_ID);
    }

    /**
     * A value no deserializer takes for the type: an object for a string or an array (Jackson turns a number into a
     * string), letters for a number or a boolean.
     */
    private static Object wrongType(String type) {
        return switch (type) {
            case "integer", "number" -> "twelve";
            case "boolean" -> "maybe";
            case "object" -> List.of(1, 2);
            default -> Map.of("nested", true);
        };
    }

    private static String json(String name, Object value) {
        return JSON.writeValueAsString(Map.of(name, value));
    }

    private static String abbreviate(String value) {
        return value.length() > 24 ? value.substring(0, 8) + "…(" + value.length() + ")" : value;
    }
}
