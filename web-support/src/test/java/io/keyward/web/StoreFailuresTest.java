package io.keyward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

class StoreFailuresTest {

    @Test
    void aLostOrRefusedConnectionAnywhereInTheCauseChainIsUnavailability() {
        assertThat(StoreFailures.isUnavailable(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("command failed",
                new RuntimeException(new SQLException("terminating connection due to crash", "57P02"))))).isTrue();
        assertThat(StoreFailures.isUnavailable(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new DataAccessResourceFailureException("down"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RuntimeException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        assertThat(StoreFailures.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new SQLException("no state"))).isFalse();
    }
}
