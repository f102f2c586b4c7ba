package dev.paddock.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.util.SimpleMethodInvocation;

class ClaimAuthorizationManagerTests {

    private final ClaimAuthorizationManager manager = new ClaimAuthorizationManager();

    static class Operations {
        @RequiresClaims({"LIST_VM", "UPDATE_VM"})
        void needsBoth() {}

        @RequiresClaims(
                value = {"LIST_OWN_API_KEY", "LIST_API_KEY"},
                match = RequiresClaims.Match.ANY)
        void needsEither() {}

        void open() {}
    }

    @RequiresClaims("LIST_CATALOG_MANIFEST")
    static class AnnotatedType {
        void anything() {}
    }

    private static MethodInvocation call(Object target, String method) throws NoSuchMethodException {
        return new SimpleMethodInvocation(target, target.getClass().getDeclaredMethod(method));
    }

    private static PaddockAuthentication caller(Set<String> roles, Set<String> claims) {
        return new PaddockAuthentication(new PaddockPrincipal("u1", "alice", "a@x", roles, claims, null), "token");
    }

    @Test
    void grantsWhenEveryClaimIsHeld() throws Exception {
        assertThat(manager.authorize(
                                () -> caller(Set.of(), Set.of("LIST_VM", "UPDATE_VM")),
                                call(new Operations(), "needsBoth"))
                        .isGranted())
                .isTrue();
    }

    @Test
    void deniesNamingTheMissingClaims() {
        assertThatThrownBy(() -> manager.authorize(
                        () -> caller(Set.of(), Set.of("LIST_VM")), call(new Operations(), "needsBoth")))
                .isInstanceOf(AuthorizationDeniedException.class)
                .hasMessageContaining("UPDATE_VM")
                .hasMessageNotContaining("LIST_VM,");
    }

    @Test
    void grantsAnyOfWithOneClaim() throws Exception {
        assertThat(manager.authorize(
                                () -> caller(Set.of(), Set.of("LIST_OWN_API_KEY")),
                                call(new Operations(), "needsEither"))
                        .isGranted())
                .isTrue();
    }

    @Test
    void letsSuperUsersThroughWithoutClaims() throws Exception {
        assertThat(manager.authorize(() -> caller(Set.of("SUPER_USER"), Set.of()), call(new Operations(), "needsBoth"))
                        .isGranted())
                .isTrue();
    }

    @Test
    void appliesTypeLevelRequirements() {
        assertThatThrownBy(() -> manager.authorize(
                        () -> caller(Set.of("USER"), Set.of()), call(new AnnotatedType(), "anything")))
                .isInstanceOf(AuthorizationDeniedException.class)
                .hasMessageContaining("LIST_CATALOG_MANIFEST");
    }

    @Test
    void leavesUnannotatedMethodsAlone() throws Exception {
        assertThat(manager.authorize(() -> null, call(new Operations(), "open")).isGranted())
                .isTrue();
    }
}
