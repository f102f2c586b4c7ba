-- The reverse-proxy configuration every edge replica serves. A proxy host is stored as one document (the reference's
-- ReverseProxyHost: listener, TLS, CORS, access, HTTP routes or a TCP route) because it is always read and written
-- whole; the columns beside it are what uniqueness and lookups need.
create table proxy_hosts (
    id         uuid primary key,
    name       text        not null,
    host       text        not null,
    port       integer     not null,
    document   jsonb       not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create unique index proxy_hosts_name on proxy_hosts (lower(name));

-- One row: whether the reverse proxy serves routes at all, and a generation every change bumps, so replicas notice
-- changes with one cheap read.
create table proxy_settings (
    id         integer primary key check (id = 1),
    enabled    boolean     not null,
    generation bigint      not null,
    updated_at timestamptz not null
);

insert into proxy_settings (id, enabled, generation, updated_at) values (1, true, 0, now());
