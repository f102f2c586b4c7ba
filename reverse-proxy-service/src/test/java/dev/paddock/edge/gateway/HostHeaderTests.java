package dev.paddock.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostHeaderTests {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "example.com,            example.com",
        "Example.COM:8443,       example.com",
        "' example.com. ',       example.com",
        "[::1]:8080,             [::1]",
        "[::1],                  [::1]",
        "'',                     ''",
    })
    void takesTheHostnameWithoutPortLowerCased(String header, String hostname) {
        assertThat(HostHeader.hostnameOf(header)).isEqualTo(hostname);
    }
}
