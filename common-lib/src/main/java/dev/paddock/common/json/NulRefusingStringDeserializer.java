package dev.paddock.common.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Refuses a JSON string that holds a NUL character ({@code \u0000}): PostgreSQL's text types cannot store one, so it
 * would fail at the database as a server error, and stripping it would store something the client did not send. The
 * refusal names the field (an {@code InvalidFormatException}, answered 400 {@code malformed-body}).
 */
final class NulRefusingStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            return (String) context.handleWeirdStringValue(
                    String.class, value, "contains a NUL character (\\u0000), which text cannot hold");
        }
        return value;
    }
}
