package dev.paddock.common.web;

import dev.paddock.common.problem.BodyTooLargeException;
import dev.paddock.common.problem.ProblemDetailEnricher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps JSON request bodies ({@code paddock.web.max-json-body}, 16 MiB unless set): the whole body is read into memory
 * to be parsed, so an unbounded one could exhaust the heap. A declared length above the cap is refused before anything
 * is read; a body sent without one is cut off when it passes the cap. Both answer 413. Binary uploads (images, files)
 * are not JSON and are not capped here.
 */
final class JsonBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final ProblemDetailEnricher enricher;
    private final JsonMapper json;

    JsonBodyLimitFilter(long limit, ProblemDetailEnricher enricher, JsonMapper json) {
        this.limit = limit;
        this.enricher = enricher;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limit) {
            ProblemDetail problem = enricher.enrich(BodyTooLargeException.problem(limit, length));
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(length < 0 ? new Capped(request, limit) : request, response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/json") || type.contains("+json");
    }

    /** A request whose body stops with {@link BodyTooLargeException} once more than the cap has been read. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final long limit;

        Capped(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = body.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws BodyTooLargeException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }
}
