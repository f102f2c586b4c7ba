package dev.paddock.contracts.catalog;

import java.util.Set;

/**
 * The answer to a {@link MissingChunksQuestion}.
 *
 * @param missing the asked digests the catalog does not hold: the only chunks the push sends
 */
public record MissingChunksAnswer(Set<String> missing) {}
