package dev.paddock.catalog.chunk;

import dev.paddock.catalog.CatalogProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes chunks that no manifest references (ADR 0201). Safe against pushes in progress: a chunk is a candidate only
 * if nobody uploaded it or relied on it for {@code paddock.catalog.gc.grace}, and the collector holds an exclusive
 * lock that commits hold shared, so a commit's check that its chunks exist stays true until its manifest is visible.
 */
@Service
public class ChunkCollector {

    private static final Logger log = LoggerFactory.getLogger(ChunkCollector.class);
    private static final int BATCH = 1000;

    private final ChunkStorage storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration grace;

    ChunkCollector(
            ChunkStorage storage, JdbcTemplate jdbc, TransactionTemplate transaction, CatalogProperties properties) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.grace = properties.gc().grace();
    }

    /** What one collection removed. */
    public record Collected(int chunks, long bytes) {}

    /** Collects every {@code paddock.catalog.gc.interval}, the first time one interval after start. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule implements SchedulingConfigurer {

        private final ChunkCollector collector;
        private final Duration interval;

        Schedule(ChunkCollector collector, CatalogProperties properties) {
            this.collector = collector;
            this.interval = properties.gc().interval();
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(new FixedDelayTask(collector::onSchedule, interval, interval));
        }
    }

    void onSchedule() {
        Collected collected = collect();
        if (collected.chunks() > 0) {
            log.info("Garbage collection removed {} chunks ({} bytes)", collected.chunks(), collected.bytes());
        }
    }

    public Collected collect() {
        int chunks = 0;
        long bytes = 0;
        while (true) {
            Collected batch = transaction.execute(status -> collectBatch());
            if (batch == null || batch.chunks() == 0) {
                return new Collected(chunks, bytes);
            }
            chunks += batch.chunks();
            bytes += batch.bytes();
        }
    }

    private Collected collectBatch() {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", Chunks.COLLECTION_LOCK);
        record Candidate(String digest, long size) {}
        List<Candidate> candidates = jdbc.query(
                """
                select c.digest, c.stored_size from catalog_chunks c
                where c.touched_at < now() - make_interval(secs => ?)
                  and not exists (select 1 from manifest_chunks m where m.digest = c.digest)
                limit ?
                """, (rs, n) -> new Candidate(rs.getString(1), rs.getLong(2)), (double) grace.toMillis() / 1000, BATCH);
        long bytes = 0;
        for (Candidate candidate : candidates) {
            try {
                storage.delete(candidate.digest());
            } catch (IOException e) {
                // Left in the ledger, so the next collection tries again.
                log.warn("Could not remove chunk {}: {}", candidate.digest(), e.toString());
                return new Collected(0, 0);
            }
            bytes += candidate.size();
        }
        jdbc.update("delete from catalog_chunks where digest = any(?::text[])", (Object)
                candidates.stream().map(Candidate::digest).toArray(String[]::new));
        return new Collected(candidates.size(), bytes);
    }
}
