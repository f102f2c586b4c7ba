package dev.paddock.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.parallels.Vm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The contract as the installer runs the agent: as root, acting for each macOS user through {@code sudo -n -u}
 * ({@code run-as-owner=true}). On the simulator, a recording fake sudo switches the simulated user, and a fake chown
 * records who owns each bundle.
 */
@TestPropertySource(properties = "paddock.agent.run-as-owner=true")
class RunAsOwnerContractIntegrationTests extends ParallelsContract {

    private static final ContractTarget TARGET = ContractTarget.create(true);

    @DynamicPropertySource
    static void target(DynamicPropertyRegistry registry) {
        configure(registry, TARGET);
    }

    @Override
    protected ContractTarget target() {
        return TARGET;
    }

    @Test
    void listsEachOwnersVmsAsThatOwner() throws IOException {
        assumeFalse(ContractTarget.real(), "the fake sudo's log exists on the simulator only");
        inventory.refreshAll();

        List<String> log = TARGET.sudoLog();
        assertThat(log).anyMatch(line -> line.startsWith("builder ") && line.contains("list -a -i --json"));
        assertThat(log).anyMatch(line -> line.startsWith("qa ") && line.contains("list -t -a -i --json"));
        assertThat(log).anyMatch(line -> line.startsWith("builder ") && line.contains("monitor-events --json"));
    }

    @Test
    void handsABundleToItsOwnerBeforeRegisteringItAsThem() throws IOException {
        Vm vm = machines.cloneAs(machines.get(TARGET.template()), "contract-handover-" + System.nanoTime(), null);
        try {
            machines.unregister(vm.id(), false);
            Vm registered = machines.register(new Register(vm.home(), "qa", null, null, false, false, false));

            assertThat(registered.owner()).isEqualTo("qa");
            if (!ContractTarget.real()) {
                assertThat(TARGET.handedTo(vm.home())).isEqualTo("qa");
                assertThat(TARGET.sudoLog()).anyMatch(line -> line.startsWith("qa ") && line.contains("register"));
            }
        } finally {
            TARGET.removeAs("qa", vm.name());
            TARGET.remove(vm.name());
        }
    }
}
