-- Digests are compared with text arrays (digest = any(?::text[])); as char(64) the comparison casts the column and
-- cannot use the primary key or the digest index, so every push's question would scan the whole ledger.
alter table catalog_chunks alter column digest type text;
alter table manifest_chunks alter column digest type text;
