package dev.paddock.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class BearerTokensTests {

    private final BearerTokens tokens = new BearerTokens();

    private static MockHttpServletRequest upgrade(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/ws/subscribe");
        request.addHeader("Upgrade", "websocket");
        request.setQueryString(query);
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            request.addParameter(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return request;
    }

    @Test
    void readsTheHeaderFirst() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/machines");
        request.addHeader("Authorization", "Bearer abc.def.ghi");

        assertThat(tokens.resolve(request)).isEqualTo("abc.def.ghi");
    }

    @Test
    void readsTheReferenceUisAuthorizationParameterOnAWebSocketUpgrade() {
        assertThat(tokens.resolve(upgrade("event_types=pdfm&authorization=abc.def.ghi")))
                .isEqualTo("abc.def.ghi");
        assertThat(tokens.resolve(upgrade("authorization=Bearer%20x".replace("%20", " "))))
                .isEqualTo("x");
        assertThat(tokens.resolve(upgrade("access_token=abc.def.ghi"))).isEqualTo("abc.def.ghi");
    }

    @Test
    void ignoresTokensInTheQueryOfOrdinaryRequests() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/machines");
        request.addParameter("access_token", "abc.def.ghi");
        request.addParameter("authorization", "abc.def.ghi");

        assertThat(tokens.resolve(request)).isNull();
    }

    @Test
    void refusesTwoTokensOnOneUpgrade() {
        assertThatThrownBy(() -> tokens.resolve(upgrade("access_token=a&authorization=b")))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }
}
