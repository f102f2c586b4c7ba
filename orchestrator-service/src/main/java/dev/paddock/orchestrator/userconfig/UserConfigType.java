package dev.paddock.orchestrator.userconfig;

import dev.paddock.common.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a setting's value is: the reference's value types, as its web UI sends them ({@code string}, {@code bool},
 * {@code int}, {@code json}). Values always travel as text; the type says how that text must read.
 */
public enum UserConfigType {
    STRING,
    BOOL,
    INT,
    JSON;

    private static final JsonMapper JSON_READER = JsonMapper.builder().build();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a request names; none means {@code string}. */
    static UserConfigType of(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-user-config-type", "Type '" + name + "' is not one of string, bool, int, json."));
    }

    /** Refuses a value that does not read as this type, saying how it should look. */
    void check(String slug, String value) {
        boolean reads = switch (this) {
            case STRING -> true;
            case BOOL -> value.equals("true") || value.equals("false");
            case INT -> value.matches("-?\\d{1,18}");
            case JSON -> isJson(value);
        };
        if (!reads) {
            throw ProblemException.badRequest(
                    "invalid-user-config-value",
                    "The value of '" + slug + "' is not a valid " + wireName()
                            + switch (this) {
                                case BOOL -> ": use true or false.";
                                case INT -> ": use a whole number.";
                                default -> ": send the value as JSON text (e.g. \"{\\\"a\\\":1}\").";
                            });
        }
    }

    private static boolean isJson(String value) {
        try {
            JSON_READER.readTree(value);
            return !value.isBlank();
        } catch (JacksonException e) {
            return false;
        }
    }
}
