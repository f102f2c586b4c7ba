package dev.paddock.agent.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class VmInventoryTests {

    private final ParallelsDesktop parallels = mock(ParallelsDesktop.class);
    private final AgentProperties properties = properties();
    private final VmInventory inventory = new VmInventory(
            parallels,
            new GuestAddresses(parallels, Clock.systemUTC(), properties),
            event -> {},
            properties,
            Clock.systemUTC());

    @Test
    void aVmDeletedWhileItsRefreshWasAskingParallelsDoesNotComeBack() throws Exception {
        Vm vm = vm("stopped");
        when(parallels.listAll()).thenReturn(List.of(vm));
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        when(parallels.find(eq(vm.id()), anyString())).thenAnswer(call -> {
            asking.countDown();
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
            return Optional.of(vm);
        });
        inventory.refreshAll();

        Thread refresh = Thread.ofVirtual().start(() -> inventory.refresh(vm.id()));
        assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
        inventory.forget(vm.id());
        answer.countDown();
        refresh.join(Duration.ofSeconds(10));

        assertThat(inventory.find(vm.id())).isEmpty();
    }

    @Test
    void aRefreshWithNothingInBetweenTakesWhatParallelsSays() {
        when(parallels.listAll()).thenReturn(List.of(vm("stopped")));
        when(parallels.find(eq("6da5344b-0000-4000-8000-000000000001"), anyString()))
                .thenReturn(Optional.of(vm("running")));
        inventory.refreshAll();

        inventory.refresh("6da5344b-0000-4000-8000-000000000001");

        assertThat(inventory.find("ci-linux")).map(Vm::state).contains("running");
    }

    private static Vm vm(String state) {
        return new Vm(
                "6da5344b-0000-4000-8000-000000000001",
                "ci-linux",
                state,
                "ubuntu",
                "VM",
                "/Users/builder/Parallels/ci-linux.pvm/",
                2,
                2048,
                65536,
                null,
                System.getProperty("user.name"),
                false,
                JsonNodeFactory.instance.objectNode());
    }

    private static AgentProperties properties() {
        AgentProperties properties = mock(AgentProperties.class);
        AgentProperties.Inventory inventory = mock(AgentProperties.Inventory.class);
        when(inventory.guestAddressInterval()).thenReturn(Duration.ofSeconds(30));
        when(properties.inventory()).thenReturn(inventory);
        when(properties.runAsOwner()).thenReturn(false);
        return properties;
    }
}
