package dev.paddock.agent.contract;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The contract with the agent acting as its own user ({@code run-as-owner=false}): a single-user Mac, or the console
 * user's own agent. Against the simulator unless {@code paddock.contract.prlctl} names a real prlctl.
 */
@TestPropertySource(properties = "paddock.agent.run-as-owner=false")
class SimulatorContractIntegrationTests extends ParallelsContract {

    private static final ContractTarget TARGET = ContractTarget.create(false);

    @DynamicPropertySource
    static void target(DynamicPropertyRegistry registry) {
        configure(registry, TARGET);
    }

    @Override
    protected ContractTarget target() {
        return TARGET;
    }
}
