-- Golden-image manifests. Identity is (catalog_id, version, architecture); pushing the same triple updates the record.
create table catalog_manifests (
    id                   uuid primary key,
    catalog_id           varchar(128) not null,
    version              varchar(128) not null,
    architecture         varchar(16)  not null,
    description          varchar(2000),
    type                 varchar(16)  not null,
    size_bytes           bigint       not null default 0,
    tags                 text[]       not null default '{}',
    required_roles       text[]       not null default '{}',
    required_claims      text[]       not null default '{}',
    tainted              boolean      not null default false,
    tainted_by           varchar(100),
    tainted_at           timestamptz,
    untainted_by         varchar(100),
    revoked              boolean      not null default false,
    revoked_by           varchar(100),
    revoked_at           timestamptz,
    download_count       bigint       not null default 0,
    last_downloaded_at   timestamptz,
    last_downloaded_user varchar(100),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint uq_catalog_manifests_identity unique (catalog_id, version, architecture),
    constraint ck_catalog_manifests_architecture check (architecture in ('x86_64', 'arm64'))
);
create index ix_catalog_manifests_catalog_id on catalog_manifests (catalog_id);
