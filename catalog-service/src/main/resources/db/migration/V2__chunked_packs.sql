-- Manifests point at chunked packs (ADR 0200). What a pack is made of is kept beside the manifest; which chunks each
-- manifest needs is a table of its own so that garbage collection is one anti-join.
alter table catalog_manifests
    add column pack_size_bytes   bigint not null default 0,
    add column chunk_count       integer not null default 0,
    add column minimum_cpu       integer,
    add column minimum_memory_mb bigint,
    add column minimum_disk_mb   bigint,
    add column pushed_by         varchar(100);

create table manifest_packs (
    manifest_id uuid primary key references catalog_manifests (id) on delete cascade,
    pack_index  text not null
);

create table manifest_chunks (
    manifest_id uuid     not null references catalog_manifests (id) on delete cascade,
    digest      char(64) not null,
    primary key (manifest_id, digest)
);
create index ix_manifest_chunks_digest on manifest_chunks (digest);

-- Every chunk the catalog has accepted. touched_at moves when a chunk is uploaded or found present by a push, so the
-- collector leaves alone chunks a push in progress relies on (see ADR 0201).
create table catalog_chunks (
    digest      char(64) primary key,
    stored_size bigint      not null,
    touched_at  timestamptz not null
);
create index ix_catalog_chunks_touched_at on catalog_chunks (touched_at);
