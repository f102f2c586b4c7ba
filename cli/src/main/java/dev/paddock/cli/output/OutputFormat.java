package dev.paddock.cli.output;

/** {@code -o table|json|yaml}. */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML
}
