package dev.paddock.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Routes declared once on an interface (e.g. the job API both the agent and the orchestrator serve) carry their claims
 * there: the advisor must pick the implementing bean for proxying and check the interface's claims on its methods.
 */
class RequiresClaimsAdvisorTests {

    interface Declared {
        @RequiresClaims("LIST_VM")
        String list();
    }

    static class Implementation implements Declared {
        @Override
        public String list() {
            return "listed";
        }
    }

    private final Advisor advisor = PaddockSecurityAutoConfiguration.requiresClaimsAdvisor();

    @AfterEach
    void forgetCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void checksClaimsDeclaredOnAnInterfaceOnItsImplementation() {
        assertThat(AopUtils.canApply(advisor, Implementation.class)).isTrue();
        ProxyFactory factory = new ProxyFactory(new Implementation());
        factory.setProxyTargetClass(true);
        factory.addAdvisor(advisor);
        Implementation proxy = (Implementation) factory.getProxy();

        actAs(Set.of());
        assertThatThrownBy(proxy::list)
                .isInstanceOf(AuthorizationDeniedException.class)
                .hasMessageContaining("LIST_VM");

        actAs(Set.of("LIST_VM"));
        assertThat(proxy.list()).isEqualTo("listed");
    }

    private static void actAs(Set<String> claims) {
        SecurityContextHolder.getContext()
                .setAuthentication(new PaddockAuthentication(
                        new PaddockPrincipal("u1", "alice", "a@x", Set.of("USER"), claims, null), "token"));
    }
}
