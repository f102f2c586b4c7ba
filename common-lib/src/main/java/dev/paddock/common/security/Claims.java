package dev.paddock.common.security;

import java.util.List;
import java.util.Set;

/**
 * The claim catalogue of the reference service, by name (its one misspelling, {@code DELET_CACHE_ITEM}, is kept so
 * existing clients keep working). A claim is a permission; roles bundle claims; a user's effective claims are their
 * direct claims plus those of their roles. {@code SUPER_USER} as a role bypasses every claim check.
 */
public final class Claims {

    private Claims() {}

    // General / General
    public static final String READ_ONLY = "READ_ONLY";
    public static final String LIST = "LIST";
    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String SUPER_USER = "SUPER_USER";

    // Authorization / User
    public static final String LIST_USER = "LIST_USER";
    public static final String CREATE_USER = "CREATE_USER";
    public static final String UPDATE_USER = "UPDATE_USER";
    public static final String DELETE_USER = "DELETE_USER";

    // Authorization / API Key
    public static final String LIST_API_KEY = "LIST_API_KEY";
    public static final String CREATE_API_KEY = "CREATE_API_KEY";
    public static final String UPDATE_API_KEY = "UPDATE_API_KEY";
    public static final String DELETE_API_KEY = "DELETE_API_KEY";
    public static final String LIST_OWN_API_KEY = "LIST_OWN_API_KEY";
    public static final String CREATE_OWN_API_KEY = "CREATE_OWN_API_KEY";
    public static final String UPDATE_OWN_API_KEY = "UPDATE_OWN_API_KEY";
    public static final String DELETE_OWN_API_KEY = "DELETE_OWN_API_KEY";

    // Authorization / Claim
    public static final String LIST_CLAIM = "LIST_CLAIM";
    public static final String CREATE_CLAIM = "CREATE_CLAIM";
    public static final String UPDATE_CLAIM = "UPDATE_CLAIM";
    public static final String DELETE_CLAIM = "DELETE_CLAIM";

    // Authorization / Role
    public static final String LIST_ROLE = "LIST_ROLE";
    public static final String CREATE_ROLE = "CREATE_ROLE";
    public static final String UPDATE_ROLE = "UPDATE_ROLE";
    public static final String DELETE_ROLE = "DELETE_ROLE";

    // Virtual Machines / Virtual Machine
    public static final String LIST_VM = "LIST_VM";
    public static final String CREATE_VM = "CREATE_VM";
    public static final String UPDATE_VM = "UPDATE_VM";
    public static final String DELETE_VM = "DELETE_VM";
    public static final String UPDATE_VM_STATES = "UPDATE_VM_STATES";
    public static final String EXECUTE_COMMAND_VM = "EXECUTE_COMMAND_VM";

    // Virtual Machines / Snapshot
    public static final String LIST_SNAPSHOT_VM = "LIST_SNAPSHOT_VM";
    public static final String CREATE_SNAPSHOT_VM = "CREATE_SNAPSHOT_VM";
    public static final String DELETE_SNAPSHOT_VM = "DELETE_SNAPSHOT_VM";
    public static final String REVERT_SNAPSHOT_VM = "REVERT_SNAPSHOT_VM";
    public static final String DELETE_ALL_SNAPSHOTS_VM = "DELETE_ALL_SNAPSHOTS_VM";
    public static final String LIST_OWN_SNAPSHOT_VM = "LIST_OWN_SNAPSHOT_VM";
    public static final String CREATE_OWN_SNAPSHOT_VM = "CREATE_OWN_SNAPSHOT_VM";
    public static final String DELETE_OWN_SNAPSHOT_VM = "DELETE_OWN_SNAPSHOT_VM";
    public static final String REVERT_OWN_SNAPSHOT_VM = "REVERT_OWN_SNAPSHOT_VM";
    public static final String DELETE_ALL_OWN_SNAPSHOTS_VM = "DELETE_ALL_OWN_SNAPSHOTS_VM";

    // Virtual Machines / Packer Template
    public static final String LIST_PACKER_TEMPLATE = "LIST_PACKER_TEMPLATE";
    public static final String CREATE_PACKER_TEMPLATE = "CREATE_PACKER_TEMPLATE";
    public static final String UPDATE_PACKER_TEMPLATE = "UPDATE_PACKER_TEMPLATE";
    public static final String DELETE_PACKER_TEMPLATE = "DELETE_PACKER_TEMPLATE";

    // Catalog / Catalog Manifest
    public static final String LIST_CATALOG_MANIFEST = "LIST_CATALOG_MANIFEST";
    public static final String CREATE_CATALOG_MANIFEST = "CREATE_CATALOG_MANIFEST";
    public static final String UPDATE_CATALOG_MANIFEST = "UPDATE_CATALOG_MANIFEST";
    public static final String DELETE_CATALOG_MANIFEST = "DELETE_CATALOG_MANIFEST";
    public static final String PULL_CATALOG_MANIFEST = "PULL_CATALOG_MANIFEST";
    public static final String PUSH_CATALOG_MANIFEST = "PUSH_CATALOG_MANIFEST";
    public static final String IMPORT_CATALOG_MANIFEST = "IMPORT_CATALOG_MANIFEST";

    // Catalog / Cache
    public static final String LIST_CACHE = "LIST_CACHE";
    public static final String DELET_CACHE_ITEM = "DELET_CACHE_ITEM";
    public static final String DELETE_ALL_CACHE = "DELETE_ALL_CACHE";

    // Catalog / Catalog Manager
    public static final String CATALOG_MANAGER_LIST = "CATALOG_MANAGER_LIST";
    public static final String CATALOG_MANAGER_CREATE = "CATALOG_MANAGER_CREATE";
    public static final String CATALOG_MANAGER_UPDATE = "CATALOG_MANAGER_UPDATE";
    public static final String CATALOG_MANAGER_DELETE = "CATALOG_MANAGER_DELETE";
    public static final String CATALOG_MANAGER_LIST_OWN = "CATALOG_MANAGER_LIST_OWN";
    public static final String CATALOG_MANAGER_CREATE_OWN = "CATALOG_MANAGER_CREATE_OWN";
    public static final String CATALOG_MANAGER_UPDATE_OWN = "CATALOG_MANAGER_UPDATE_OWN";
    public static final String CATALOG_MANAGER_DELETE_OWN = "CATALOG_MANAGER_DELETE_OWN";
    public static final String CATALOG_MANAGER_LIST_CATALOG_MANIFEST_OWN = "CATALOG_MANAGER_LIST_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_CREATE_CATALOG_MANIFEST_OWN =
            "CATALOG_MANAGER_CREATE_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_DELETE_CATALOG_MANIFEST_OWN =
            "CATALOG_MANAGER_DELETE_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_UPDATE_CATALOG_MANIFEST_OWN =
            "CATALOG_MANAGER_UPDATE_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_PULL_CATALOG_MANIFEST_OWN = "CATALOG_MANAGER_PULL_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_PUSH_CATALOG_MANIFEST_OWN = "CATALOG_MANAGER_PUSH_CATALOG_MANIFEST_OWN";
    public static final String CATALOG_MANAGER_IMPORT_CATALOG_MANIFEST_OWN =
            "CATALOG_MANAGER_IMPORT_CATALOG_MANIFEST_OWN";

    // Reverse Proxy / Reverse Proxy
    public static final String CONFIGURE_REVERSE_PROXY = "CONFIGURE_REVERSE_PROXY";

    // Reverse Proxy / Reverse Proxy Host
    public static final String LIST_REVERSE_PROXY_HOSTS = "LIST_REVERSE_PROXY_HOSTS";
    public static final String CREATE_REVERSE_PROXY_HOST = "CREATE_REVERSE_PROXY_HOST";
    public static final String UPDATE_REVERSE_PROXY_HOST = "UPDATE_REVERSE_PROXY_HOST";
    public static final String DELETE_REVERSE_PROXY_HOST = "DELETE_REVERSE_PROXY_HOST";

    // Reverse Proxy / HTTP Route
    public static final String LIST_REVERSE_PROXY_HOST_HTTP_ROUTES = "LIST_REVERSE_PROXY_HOST_HTTP_ROUTES";
    public static final String CREATE_REVERSE_PROXY_HOST_HTTP_ROUTE = "CREATE_REVERSE_PROXY_HOST_HTTP_ROUTE";
    public static final String UPDATE_REVERSE_PROXY_HOST_HTTP_ROUTE = "UPDATE_REVERSE_PROXY_HOST_HTTP_ROUTE";
    public static final String DELETE_REVERSE_PROXY_HOST_HTTP_ROUTE = "DELETE_REVERSE_PROXY_HOST_HTTP_ROUTE";

    // Reverse Proxy / TCP Route
    public static final String LIST_REVERSE_PROXY_HOST_TCP_ROUTES = "LIST_REVERSE_PROXY_HOST_TCP_ROUTES";
    public static final String CREATE_REVERSE_PROXY_HOST_TCP_ROUTE = "CREATE_REVERSE_PROXY_HOST_TCP_ROUTE";
    public static final String UPDATE_REVERSE_PROXY_HOST_TCP_ROUTE = "UPDATE_REVERSE_PROXY_HOST_TCP_ROUTE";
    public static final String DELETE_REVERSE_PROXY_HOST_TCP_ROUTE = "DELETE_REVERSE_PROXY_HOST_TCP_ROUTE";

    // System / SSH
    public static final String EXECUTE_SSH = "EXECUTE_SSH";

    // System / Job
    public static final String JOB_MANAGER_LIST = "JOB_MANAGER_LIST";
    public static final String JOB_MANAGER_LIST_OWN = "JOB_MANAGER_LIST_OWN";
    public static final String JOB_MANAGER_DELETE = "JOB_MANAGER_DELETE";
    public static final String JOB_MANAGER_DEBUG = "JOB_MANAGER_DEBUG";

    /** Every seeded claim with the group and resource the UI's permission matrix shows it under. */
    public static final List<ClaimDefinition> ALL = List.of(
            new ClaimDefinition(READ_ONLY, "General", "General", "READ"),
            new ClaimDefinition(LIST, "General", "General", "LIST"),
            new ClaimDefinition(CREATE, "General", "General", "CREATE"),
            new ClaimDefinition(UPDATE, "General", "General", "UPDATE"),
            new ClaimDefinition(DELETE, "General", "General", "DELETE"),
            new ClaimDefinition(SUPER_USER, "General", "General", "ALL"),
            new ClaimDefinition(LIST_USER, "Authorization", "User", "LIST"),
            new ClaimDefinition(CREATE_USER, "Authorization", "User", "CREATE"),
            new ClaimDefinition(UPDATE_USER, "Authorization", "User", "UPDATE"),
            new ClaimDefinition(DELETE_USER, "Authorization", "User", "DELETE"),
            new ClaimDefinition(LIST_API_KEY, "Authorization", "API Key", "LIST"),
            new ClaimDefinition(CREATE_API_KEY, "Authorization", "API Key", "CREATE"),
            new ClaimDefinition(UPDATE_API_KEY, "Authorization", "API Key", "UPDATE"),
            new ClaimDefinition(DELETE_API_KEY, "Authorization", "API Key", "DELETE"),
            new ClaimDefinition(LIST_OWN_API_KEY, "Authorization", "API Key", "LIST"),
            new ClaimDefinition(CREATE_OWN_API_KEY, "Authorization", "API Key", "CREATE"),
            new ClaimDefinition(UPDATE_OWN_API_KEY, "Authorization", "API Key", "UPDATE"),
            new ClaimDefinition(DELETE_OWN_API_KEY, "Authorization", "API Key", "DELETE"),
            new ClaimDefinition(LIST_CLAIM, "Authorization", "Claim", "LIST"),
            new ClaimDefinition(CREATE_CLAIM, "Authorization", "Claim", "CREATE"),
            new ClaimDefinition(UPDATE_CLAIM, "Authorization", "Claim", "UPDATE"),
            new ClaimDefinition(DELETE_CLAIM, "Authorization", "Claim", "DELETE"),
            new ClaimDefinition(LIST_ROLE, "Authorization", "Role", "LIST"),
            new ClaimDefinition(CREATE_ROLE, "Authorization", "Role", "CREATE"),
            new ClaimDefinition(UPDATE_ROLE, "Authorization", "Role", "UPDATE"),
            new ClaimDefinition(DELETE_ROLE, "Authorization", "Role", "DELETE"),
            new ClaimDefinition(LIST_VM, "Virtual Machines", "Virtual Machine", "LIST"),
            new ClaimDefinition(CREATE_VM, "Virtual Machines", "Virtual Machine", "CREATE"),
            new ClaimDefinition(UPDATE_VM, "Virtual Machines", "Virtual Machine", "UPDATE"),
            new ClaimDefinition(DELETE_VM, "Virtual Machines", "Virtual Machine", "DELETE"),
            new ClaimDefinition(UPDATE_VM_STATES, "Virtual Machines", "Virtual Machine", "UPDATE"),
            new ClaimDefinition(EXECUTE_COMMAND_VM, "Virtual Machines", "Virtual Machine", "EXECUTE"),
            new ClaimDefinition(LIST_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "LIST"),
            new ClaimDefinition(CREATE_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "CREATE"),
            new ClaimDefinition(DELETE_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "DELETE"),
            new ClaimDefinition(REVERT_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "REVERT"),
            new ClaimDefinition(DELETE_ALL_SNAPSHOTS_VM, "Virtual Machines", "Snapshot", "DELETE"),
            new ClaimDefinition(LIST_OWN_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "LIST"),
            new ClaimDefinition(CREATE_OWN_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "CREATE"),
            new ClaimDefinition(DELETE_OWN_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "DELETE"),
            new ClaimDefinition(REVERT_OWN_SNAPSHOT_VM, "Virtual Machines", "Snapshot", "REVERT"),
            new ClaimDefinition(DELETE_ALL_OWN_SNAPSHOTS_VM, "Virtual Machines", "Snapshot", "DELETE"),
            new ClaimDefinition(LIST_PACKER_TEMPLATE, "Virtual Machines", "Packer Template", "LIST"),
            new ClaimDefinition(CREATE_PACKER_TEMPLATE, "Virtual Machines", "Packer Template", "CREATE"),
            new ClaimDefinition(UPDATE_PACKER_TEMPLATE, "Virtual Machines", "Packer Template", "UPDATE"),
            new ClaimDefinition(DELETE_PACKER_TEMPLATE, "Virtual Machines", "Packer Template", "DELETE"),
            new ClaimDefinition(LIST_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "LIST"),
            new ClaimDefinition(CREATE_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "CREATE"),
            new ClaimDefinition(UPDATE_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "UPDATE"),
            new ClaimDefinition(DELETE_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "DELETE"),
            new ClaimDefinition(PULL_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "PULL"),
            new ClaimDefinition(PUSH_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "PUSH"),
            new ClaimDefinition(IMPORT_CATALOG_MANIFEST, "Catalog", "Catalog Manifest", "IMPORT"),
            new ClaimDefinition(LIST_CACHE, "Catalog", "Cache", "LIST"),
            new ClaimDefinition(DELET_CACHE_ITEM, "Catalog", "Cache", "DELETE"),
            new ClaimDefinition(DELETE_ALL_CACHE, "Catalog", "Cache", "DELETE"),
            new ClaimDefinition(CATALOG_MANAGER_LIST, "Catalog", "Catalog Manager", "LIST"),
            new ClaimDefinition(CATALOG_MANAGER_CREATE, "Catalog", "Catalog Manager", "CREATE"),
            new ClaimDefinition(CATALOG_MANAGER_UPDATE, "Catalog", "Catalog Manager", "UPDATE"),
            new ClaimDefinition(CATALOG_MANAGER_DELETE, "Catalog", "Catalog Manager", "DELETE"),
            new ClaimDefinition(CATALOG_MANAGER_LIST_OWN, "Catalog", "Catalog Manager", "LIST"),
            new ClaimDefinition(CATALOG_MANAGER_CREATE_OWN, "Catalog", "Catalog Manager", "CREATE"),
            new ClaimDefinition(CATALOG_MANAGER_UPDATE_OWN, "Catalog", "Catalog Manager", "UPDATE"),
            new ClaimDefinition(CATALOG_MANAGER_DELETE_OWN, "Catalog", "Catalog Manager", "DELETE"),
            new ClaimDefinition(CATALOG_MANAGER_LIST_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "LIST"),
            new ClaimDefinition(CATALOG_MANAGER_CREATE_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "CREATE"),
            new ClaimDefinition(CATALOG_MANAGER_DELETE_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "DELETE"),
            new ClaimDefinition(CATALOG_MANAGER_UPDATE_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "UPDATE"),
            new ClaimDefinition(CATALOG_MANAGER_PULL_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "PULL"),
            new ClaimDefinition(CATALOG_MANAGER_PUSH_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "PUSH"),
            new ClaimDefinition(CATALOG_MANAGER_IMPORT_CATALOG_MANIFEST_OWN, "Catalog", "Catalog Manager", "IMPORT"),
            new ClaimDefinition(CONFIGURE_REVERSE_PROXY, "Reverse Proxy", "Reverse Proxy", "CONFIGURE"),
            new ClaimDefinition(LIST_REVERSE_PROXY_HOSTS, "Reverse Proxy", "Reverse Proxy Host", "LIST"),
            new ClaimDefinition(CREATE_REVERSE_PROXY_HOST, "Reverse Proxy", "Reverse Proxy Host", "CREATE"),
            new ClaimDefinition(UPDATE_REVERSE_PROXY_HOST, "Reverse Proxy", "Reverse Proxy Host", "UPDATE"),
            new ClaimDefinition(DELETE_REVERSE_PROXY_HOST, "Reverse Proxy", "Reverse Proxy Host", "DELETE"),
            new ClaimDefinition(LIST_REVERSE_PROXY_HOST_HTTP_ROUTES, "Reverse Proxy", "HTTP Route", "LIST"),
            new ClaimDefinition(CREATE_REVERSE_PROXY_HOST_HTTP_ROUTE, "Reverse Proxy", "HTTP Route", "CREATE"),
            new ClaimDefinition(UPDATE_REVERSE_PROXY_HOST_HTTP_ROUTE, "Reverse Proxy", "HTTP Route", "UPDATE"),
            new ClaimDefinition(DELETE_REVERSE_PROXY_HOST_HTTP_ROUTE, "Reverse Proxy", "HTTP Route", "DELETE"),
            new ClaimDefinition(LIST_REVERSE_PROXY_HOST_TCP_ROUTES, "Reverse Proxy", "TCP Route", "LIST"),
            new ClaimDefinition(CREATE_REVERSE_PROXY_HOST_TCP_ROUTE, "Reverse Proxy", "TCP Route", "CREATE"),
            new ClaimDefinition(UPDATE_REVERSE_PROXY_HOST_TCP_ROUTE, "Reverse Proxy", "TCP Route", "UPDATE"),
            new ClaimDefinition(DELETE_REVERSE_PROXY_HOST_TCP_ROUTE, "Reverse Proxy", "TCP Route", "DELETE"),
            new ClaimDefinition(EXECUTE_SSH, "System", "SSH", "EXECUTE"),
            new ClaimDefinition(JOB_MANAGER_LIST, "System", "Job", "LIST"),
            new ClaimDefinition(JOB_MANAGER_LIST_OWN, "System", "Job", "LIST"),
            new ClaimDefinition(JOB_MANAGER_DELETE, "System", "Job", "DELETE"),
            new ClaimDefinition(JOB_MANAGER_DEBUG, "System", "Job", "DEBUG"));

    /** Claims of the seeded {@code USER} role: read-only views plus self-service on the caller's own things. */
    public static final Set<String> USER_DEFAULTS = Set.of(
            READ_ONLY,
            LIST,
            LIST_VM,
            LIST_CATALOG_MANIFEST,
            PULL_CATALOG_MANIFEST,
            LIST_CACHE,
            DELET_CACHE_ITEM,
            DELETE_ALL_CACHE,
            LIST_OWN_API_KEY,
            CREATE_OWN_API_KEY,
            UPDATE_OWN_API_KEY,
            DELETE_OWN_API_KEY,
            LIST_OWN_SNAPSHOT_VM,
            CREATE_OWN_SNAPSHOT_VM,
            DELETE_OWN_SNAPSHOT_VM,
            REVERT_OWN_SNAPSHOT_VM,
            DELETE_ALL_OWN_SNAPSHOTS_VM,
            CATALOG_MANAGER_LIST_OWN,
            CATALOG_MANAGER_CREATE_OWN,
            CATALOG_MANAGER_UPDATE_OWN,
            CATALOG_MANAGER_DELETE_OWN,
            CATALOG_MANAGER_LIST_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_CREATE_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_DELETE_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_UPDATE_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_PULL_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_PUSH_CATALOG_MANIFEST_OWN,
            CATALOG_MANAGER_IMPORT_CATALOG_MANIFEST_OWN,
            JOB_MANAGER_LIST_OWN);

    /** Where a claim sits in the permission matrix. */
    public record ClaimDefinition(String name, String group, String resource, String action) {}
}
