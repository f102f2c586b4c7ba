package dev.paddock.edge.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentEncodingTests {

    @ParameterizedTest
    @CsvSource({
        "/api/v1/machines, -1",
        "/api/v1/machines/a%2Fb?q=%C3%A9, -1",
        "/api/v1/machines/%ZZ, 17",
        "/api/v1/machines/%4, 17",
        "/api/v1/machines/%, 17",
        "/api/v1/x?name=50%, 17",
        "/api/v1/x?name=%41%g1, 18"
    })
    void findsTheFirstMalformedEscape(String target, int expected) {
        assertThat(PercentEncoding.firstMalformed(target)).isEqualTo(expected);
    }
}
