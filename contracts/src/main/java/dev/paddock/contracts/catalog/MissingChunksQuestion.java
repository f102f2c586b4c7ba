package dev.paddock.contracts.catalog;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The body of {@code POST} {@link CatalogApi#CHUNKS_MISSING}: a push asks which of its chunks the catalog lacks before
 * sending any.
 *
 * @param digests SHA-256 names of compressed chunks' contents
 */
public record MissingChunksQuestion(@NotNull List<String> digests) {}
