package dev.paddock.devsuite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operations a running service documents in its OpenAPI document ({@code /v3/api-docs}), with their inputs. */
final class OpenApiOperations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** A documented parameter and its JSON schema type ({@code string} when the document gives none). */
    record Parameter(String name, String type) {}

    /** A JSON body's top-level properties (name → type) and which of them are required. */
    record Body(Map<String, String> properties, Set<String> required) {}

    record Operation(
            String service,
            String method,
            String path,
            List<String> pathParameters,
            List<Parameter> queryParameters,
            Body body) {

        boolean changesState() {
            return !method.equals("GET");
        }

        /** Answers that never end on their own (event streams, log tails). */
        boolean streams() {
            return path.endsWith("/stream") || path.contains("subscribe") || path.endsWith("/events");
        }

        @Override
        public String toString() {
            return service + ": " + method + " " + path;
        }
    }

    private OpenApiOperations() {}

    static List<Operation> of(String service, String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(service + " answered " + answer.statusCode() + " for its OpenAPI document");
        }
        JsonNode document = JSON.readTree(answer.body());
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                List<String> pathParameters = new ArrayList<>();
                List<Parameter> queryParameters = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    String in = parameter.path("in").asString();
                    if (in.equals("path")) {
                        pathParameters.add(parameter.path("name").asString());
                    } else if (in.equals("query")) {
                        queryParameters.add(new Parameter(
                                parameter.path("name").asString(), typeOf(document, parameter.path("schema"))));
                    }
                }
                operations.add(new Operation(
                        service,
                        operation.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        pathParameters,
                        queryParameters,
                        bodyOf(document, operation.getValue().path("requestBody"))));
            }
        }
        return operations;
    }

    private static Body bodyOf(JsonNode document, JsonNode requestBody) {
        JsonNode schema = resolve(
                document, requestBody.path("content").path("application/json").path("schema"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            properties.put(property.getKey(), typeOf(document, property.getValue()));
        }
        Set<String> required = new java.util.LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        return new Body(properties, required);
    }

    private static String typeOf(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        JsonNode type = resolved.path("type");
        if (type.isArray()) {
            // OpenAPI 3.1 writes a nullable type as ["string", "null"].
            for (JsonNode each : type) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return resolved.has("properties") ? "object" : "string";
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String name = current.path("$ref").asString().substring("#/components/schemas/".length());
            current = document.path("components").path("schemas").path(name);
        }
        return current;
    }
}
