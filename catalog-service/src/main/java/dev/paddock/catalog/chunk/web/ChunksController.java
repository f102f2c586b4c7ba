package dev.paddock.catalog.chunk.web;

import dev.paddock.catalog.chunk.ChunkCollector;
import dev.paddock.catalog.chunk.Chunks;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.catalog.MissingChunksAnswer;
import dev.paddock.contracts.catalog.MissingChunksQuestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Paddock's chunk transfer API (ADR 0200), used by pushes and pulls of golden images. */
@RestController
@Tag(name = "Catalog chunks")
class ChunksController {

    private final Chunks chunks;
    private final ChunkCollector collector;

    ChunksController(Chunks chunks, ChunkCollector collector) {
        this.chunks = chunks;
        this.collector = collector;
    }

    @PostMapping(CatalogApi.CHUNKS_MISSING)
    @RequiresClaims(Claims.PUSH_CATALOG_MANIFEST)
    @Operation(summary = "Which of these chunks the catalog does not hold yet (ask before uploading)")
    MissingChunksAnswer missing(@Valid @RequestBody MissingChunksQuestion question) {
        return new MissingChunksAnswer(chunks.missing(question.digests()));
    }

    @PutMapping(value = CatalogApi.CHUNK, consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @RequiresClaims(Claims.PUSH_CATALOG_MANIFEST)
    @Operation(summary = "Upload one zstd-compressed chunk; it is stored only if its content hashes to its name")
    ResponseEntity<Void> put(@PathVariable String digest, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > Chunks.MAX_STORED_SIZE) {
            throw tooLarge();
        }
        byte[] stored = request.getInputStream().readNBytes(Chunks.MAX_STORED_SIZE + 1);
        if (stored.length > Chunks.MAX_STORED_SIZE) {
            throw tooLarge();
        }
        chunks.put(digest, stored);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @GetMapping(value = CatalogApi.CHUNK, produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @RequiresClaims(Claims.PULL_CATALOG_MANIFEST)
    @Operation(
            summary = "Download one zstd-compressed chunk (verify it against its name after decompressing); with S3 "
                    + "and presigned downloads on, a 307 to the bucket")
    ResponseEntity<byte[]> get(@PathVariable String digest) {
        return chunks.directDownload(digest)
                .map(url -> ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                        .location(url)
                        .<byte[]>build())
                .orElseGet(() -> ResponseEntity.ok(chunks.get(digest)));
    }

    @PostMapping(CatalogApi.GC)
    @Operation(summary = "Remove chunks no manifest references now (super user); also runs on a schedule")
    ChunkCollector.Collected collect() {
        if (!CurrentCaller.require().isSuperUser()) {
            throw ProblemException.forbidden(
                    "super-user-required", "Only a super user may start a garbage collection.");
        }
        return collector.collect();
    }

    private static ProblemException tooLarge() {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "chunk-too-large",
                "Chunk too large",
                "A stored chunk is at most " + Chunks.MAX_STORED_SIZE + " bytes; cut the pack into smaller chunks.");
    }
}
