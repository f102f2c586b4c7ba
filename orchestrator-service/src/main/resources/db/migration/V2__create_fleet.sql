-- The host fleet: enrollment, hosts and what they report, the VMs on them, capacity reservations and jobs.

create table enrollment_tokens (
    id           uuid primary key,
    token_hash   varchar(64)  not null,
    host_name    varchar(255) not null,
    expires_at   timestamptz  not null,
    used_at      timestamptz,
    used_by_host uuid,
    created_by   varchar(100),
    created_at   timestamptz  not null,
    constraint uq_enrollment_tokens_hash unique (token_hash)
);

create table hosts (
    id                 uuid primary key,
    name               varchar(255)  not null,
    url                varchar(1024) not null,
    description        varchar(1000),
    tags               text[]        not null default '{}',
    required_roles     text[]        not null default '{}',
    required_claims    text[]        not null default '{}',
    enabled            boolean       not null default true,
    draining           boolean       not null default false,
    -- push: the agent sends heartbeats (enrolled with a token); poll: the orchestrator polls (registered with credentials)
    mode               varchar(8)    not null,
    state              varchar(16)   not null default 'unknown',
    state_reason       varchar(1000),
    last_seen_at       timestamptz,
    architecture       varchar(16),
    cpu_model          varchar(255),
    os_version         varchar(64),
    pd_version         varchar(64),
    pd_licensed        boolean       not null default false,
    agent_version      varchar(64),
    tunnel_address     varchar(255),
    total_cpus         integer       not null default 0,
    total_memory_mb    bigint        not null default 0,
    total_disk_mb      bigint        not null default 0,
    free_disk_mb       bigint        not null default 0,
    reserved_cpus      integer       not null default 0,
    reserved_memory_mb bigint        not null default 0,
    reserved_disk_mb   bigint        not null default 0,
    vm_digest          varchar(64),
    cache_digest       varchar(64),
    -- SHA-256 of the secret the agent proves itself with on heartbeats (a random 256-bit value, so no slow hash is needed)
    secret_hash        varchar(64),
    -- credentials for a polled agent (an API key of a standalone agent), sealed with the operator key
    credentials_sealed text,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
create unique index uq_hosts_name on hosts (lower(name));

-- The orchestrator's copy of every host's VMs: replaced when a host's VM digest changes, patched by events and by
-- the operations the orchestrator itself forwards.
create table host_vms (
    host_id     uuid         not null references hosts (id) on delete cascade,
    vm_id       varchar(64)  not null,
    name        varchar(255) not null,
    state       varchar(32)  not null,
    macos       boolean      not null default false,
    cpus        integer      not null default 0,
    memory_mb   bigint       not null default 0,
    disk_mb     bigint       not null default 0,
    ip          varchar(64),
    owner       varchar(100),
    created_by  uuid,
    raw         text         not null,
    updated_at  timestamptz  not null,
    primary key (host_id, vm_id)
);
create index ix_host_vms_name on host_vms (lower(name));
create index ix_host_vms_vm_id on host_vms (vm_id);

create table host_cache_items (
    host_id      uuid         not null references hosts (id) on delete cascade,
    catalog_id   varchar(128) not null,
    version      varchar(128) not null,
    architecture varchar(16)  not null,
    size_bytes   bigint       not null default 0,
    cached_at    timestamptz,
    primary key (host_id, catalog_id, version, architecture)
);

-- Capacity promised to a VM being created; counted by every scheduling decision until the VM appears in host_vms.
create table capacity_reservations (
    id         uuid primary key,
    host_id    uuid         not null references hosts (id) on delete cascade,
    cpus       integer      not null,
    memory_mb  bigint       not null,
    disk_mb    bigint       not null default 0,
    macos      boolean      not null default false,
    vm_name    varchar(255) not null,
    job_id     uuid,
    created_at timestamptz  not null,
    expires_at timestamptz  not null
);
create index ix_capacity_reservations_host on capacity_reservations (host_id);

create table jobs (
    id                 uuid primary key,
    owner_id           varchar(64)  not null,
    owner_name         varchar(100) not null,
    owner_email        varchar(255),
    job_type           varchar(64)  not null,
    operation          varchar(64)  not null,
    state              varchar(16)  not null,
    message            text,
    progress           integer      not null default 0,
    steps              text         not null default '[]',
    result             text,
    result_record_id   varchar(255),
    result_record_name varchar(255),
    result_record_type varchar(64),
    error              text,
    host_id            uuid,
    host_job_id        varchar(64),
    replica            varchar(128),
    heartbeat_at       timestamptz  not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index ix_jobs_state on jobs (state);
create index ix_jobs_owner on jobs (owner_id);
