package dev.paddock.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.common.problem.DatabaseOutage;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTests {

    @Test
    void aPoolThatCannotHandOutAConnectionIsAnOutage() {
        RuntimeException wrapped = new RuntimeException(
                "Could not open JPA EntityManager",
                new SQLTransientConnectionException("pool - Connection is not available"));

        assertThat(DatabaseOutage.causes(wrapped)).isTrue();
    }

    @Test
    void aConnectionBrokenDuringRollbackIsAnOutageThroughItsSqlState() {
        IllegalStateException rollback = new IllegalStateException(
                "Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed", "08003", new SocketException("Broken pipe")));

        assertThat(DatabaseOutage.causes(rollback)).isTrue();
    }

    @Test
    void anOutageOnlySuppressedIsStillFound() {
        IllegalStateException failure = new IllegalStateException("rollback failed");
        failure.addSuppressed(new SQLException("I/O error", "08006"));

        assertThat(DatabaseOutage.causes(failure)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.causes(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseOutage.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causes(null)).isFalse();
    }
}
