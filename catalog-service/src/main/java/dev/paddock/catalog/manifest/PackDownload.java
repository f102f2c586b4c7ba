package dev.paddock.catalog.manifest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.paddock.contracts.catalog.PackIndex;

/**
 * The download descriptor: the manifest, as the reference answers, plus the pack's index — the chunks to fetch, in
 * order, each verified against its name.
 */
public record PackDownload(@JsonUnwrapped CatalogManifest manifest, PackIndex pack) {}
