-- Other catalogs this suite can browse (the reference's catalog managers): where each is, how to log in to it (the
-- password or API key sealed with the orchestrator's secrets key, never returned), who owns it, who else may use it.
create table catalog_managers (
    id                 uuid primary key,
    name               varchar(255)  not null,
    url                varchar(1024) not null,
    username           varchar(255),
    secret_sealed      text,
    global             boolean       not null default false,
    internal           boolean       not null default false,
    active             boolean       not null default true,
    required_claims    text[]        not null default '{}',
    owner_id           uuid          not null references users (id) on delete cascade,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);

create index catalog_managers_owner on catalog_managers (owner_id);
