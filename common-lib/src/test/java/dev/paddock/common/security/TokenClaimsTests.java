package dev.paddock.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenClaimsTests {

    @Test
    void listsAUsersEffectiveClaimsSorted() {
        assertThat(TokenClaims.listed(false, List.of("LIST_VM", "CREATE_VM", "LIST_VM")))
                .containsExactly("CREATE_VM", "LIST_VM");
    }

    @Test
    void listsEveryClaimForASuperUserAsTheReferenceDoes() {
        List<String> listed = TokenClaims.listed(true, List.of());

        assertThat(listed).hasSize(Claims.ALL.size()).contains(Claims.LIST_VM, Claims.JOB_MANAGER_LIST);
        assertThat(listed).isSorted();
    }
}
