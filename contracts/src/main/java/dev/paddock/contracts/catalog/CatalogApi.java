package dev.paddock.contracts.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The catalog's paths, as the catalog serves them and its callers call them. The templates ({@code {catalogId}} and
 * so on) are for the catalog's mappings; callers build a concrete path with the methods, which encode each name as
 * one path segment.
 */
public final class CatalogApi {

    public static final String CATALOG = "/api/v1/catalog";

    /** Chunk transfer: {@code POST} which digests are missing, {@code PUT}/{@code GET} one chunk. */
    public static final String CHUNKS = CATALOG + "/chunks";

    public static final String CHUNKS_MISSING = CHUNKS + "/missing";
    public static final String CHUNK = CHUNKS + "/{digest}";

    public static final String GC = CATALOG + "/gc";
    public static final String IMPORT = CATALOG + "/import";
    public static final String IMPORT_VM = CATALOG + "/import-vm";

    /** Every version of one catalog id. */
    public static final String CATALOG_ID = CATALOG + "/{catalogId}";
    /** One version (or tag) of a catalog id. */
    public static final String VERSION = CATALOG_ID + "/{version}";
    /** One manifest: {@code GET} it, {@code PUT} a {@link ManifestCommit} to end a push, {@code DELETE} it. */
    public static final String MANIFEST = VERSION + "/{architecture}";
    /** A manifest's download descriptor: the manifest and its {@link PackIndex}. */
    public static final String DOWNLOAD = MANIFEST + "/download";

    private CatalogApi() {}

    /** {@code /api/v1/catalog/chunks/{digest}}. */
    public static String chunk(String digest) {
        return CHUNKS + "/" + segment(digest);
    }

    /** {@code /api/v1/catalog/{catalogId}}. */
    public static String catalog(String catalogId) {
        return CATALOG + "/" + segment(catalogId);
    }

    /** {@code /api/v1/catalog/{catalogId}/{version}}. */
    public static String version(String catalogId, String version) {
        return catalog(catalogId) + "/" + segment(version);
    }

    /** {@code /api/v1/catalog/{catalogId}/{version}/{architecture}}. */
    public static String manifest(String catalogId, String version, String architecture) {
        return version(catalogId, version) + "/" + segment(architecture);
    }

    /** {@code /api/v1/catalog/{catalogId}/{version}/{architecture}/{operation...}}, e.g. {@code taint}, {@code tags}. */
    public static String manifest(String catalogId, String version, String architecture, String operation) {
        String manifest = manifest(catalogId, version, architecture);
        return operation.isEmpty() ? manifest : manifest + "/" + operation;
    }

    /** {@code /api/v1/catalog/{catalogId}/{version}/{architecture}/download}. */
    public static String download(String catalogId, String version, String architecture) {
        return manifest(catalogId, version, architecture, "download");
    }

    /**
     * A name as one encoded path segment, so a name with a slash or a space cannot reach another path; the catalog
     * then refuses the name itself with a problem that says why. An empty name would address the level above.
     */
    static String segment(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty name is not a path segment");
        }
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
