package dev.paddock.common.security;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Enforces {@link RequiresClaims} on methods and types. */
public final class ClaimAuthorizationManager implements AuthorizationManager<MethodInvocation> {

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends @Nullable Authentication> authentication, MethodInvocation invocation) {
        RequiresClaims required = findAnnotation(invocation);
        if (required == null) {
            return new AuthorizationDecision(true);
        }
        Authentication caller = authentication.get();
        List<String> held = caller == null || !caller.isAuthenticated()
                ? List.of()
                : caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
        if (held.contains(Roles.authority(Roles.SUPER_USER))) {
            return new AuthorizationDecision(true);
        }
        List<String> claims = Arrays.asList(required.value());
        boolean granted = required.match() == RequiresClaims.Match.ALL
                ? held.containsAll(claims)
                : claims.stream().anyMatch(held::contains);
        if (granted) {
            return new AuthorizationDecision(true);
        }
        List<String> missing = claims.stream().filter(c -> !held.contains(c)).toList();
        String needed = required.match() == RequiresClaims.Match.ALL
                ? "the claim(s) " + String.join(", ", missing)
                : "one of the claims " + String.join(", ", claims);
        throw new AuthorizationDeniedException(
                "This operation requires " + needed + " (or the SUPER_USER role); ask an administrator to grant it.",
                new AuthorizationDecision(false));
    }

    private static @Nullable RequiresClaims findAnnotation(MethodInvocation invocation) {
        Method method = invocation.getMethod();
        RequiresClaims onMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequiresClaims.class);
        if (onMethod != null) {
            return onMethod;
        }
        Object target = invocation.getThis();
        Class<?> type = target == null
                ? method.getDeclaringClass()
                : org.springframework.aop.support.AopUtils.getTargetClass(target);
        return AnnotatedElementUtils.findMergedAnnotation(type, RequiresClaims.class);
    }
}
