-- A host's tunnel address was stored from heartbeats but no agent ever sent one: the edge reaches VMs through the
-- agent's own URL (hosts.url). Dropped rather than kept empty, so no view shows a field that is never filled.
alter table hosts drop column tunnel_address;
