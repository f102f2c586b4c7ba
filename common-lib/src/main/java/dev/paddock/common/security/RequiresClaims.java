package dev.paddock.common.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the claims an operation needs, as the reference's routes do. Super users always pass. With {@link
 * Match#ANY} one of the claims suffices (the reference's "OR" routes such as own-or-all snapshot claims); with {@link
 * Match#ALL}, the default, every claim is needed. Denials answer 403 with a problem that names the missing claims.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresClaims {

    String[] value();

    Match match() default Match.ALL;

    enum Match {
        ALL,
        ANY
    }
}
