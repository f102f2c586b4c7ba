package dev.paddock.common.problem;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds {@link ProblemDetail}s with Paddock's {@code type} URIs. The per-request members ({@code service},
 * {@code trace_id}, {@code request_id}) are added by {@link ProblemDetailEnricher} on the way out.
 */
public final class Problems {

    /** Base of every problem {@code type}; the documentation lists each slug under this path. */
    public static final String TYPE_BASE = "https://paddock.dev/problems/";

    private Problems() {}

    /**
     * A request path as a problem's {@code instance}: characters a URI may not hold become {@code _}; a path that
     * still is no URI (a stray {@code %}) gives none.
     */
    public static @Nullable URI instance(@Nullable String rawPath) {
        if (rawPath == null) {
            return null;
        }
        try {
            return URI.create(rawPath.replaceAll("[^A-Za-z0-9/._~%!$&'()*+,;=:@-]", "_"));
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
