package dev.paddock.common.client;

import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.web.RequestIds;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Carries the caller's identity and the request id into calls made on the caller's behalf, so the next service
 * applies the same claims and its logs line up with ours. Trace context ({@code traceparent}) is added by Boot's
 * observation instrumentation of the {@code RestClient.Builder} these clients are built from.
 */
public final class CallerForwardingInterceptor implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        HttpHeaders headers = request.getHeaders();
        // A call that carries its own credentials (a token or an API key of the other side) keeps them.
        if (!headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader("X-Api-Key")) {
            CurrentCaller.authentication().ifPresent(caller -> headers.setBearerAuth(caller.bearerToken()));
        }
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null && !headers.containsHeader(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, requestId);
        }
        return execution.execute(request, body);
    }
}
