package dev.paddock.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.hardware.HostHardware;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.machines.MachineRequests.Execute;
import dev.paddock.agent.machines.MachineRequests.ExecuteResult;
import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.PrlctlFailure;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.agent.snapshots.Snapshots;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.architecture.Architectures;
import dev.paddock.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the agent's own driver classes must do against Parallels Desktop, written once and run against the simulator in
 * CI and against a real Mac on demand ({@link ContractTarget}; docs/parallels-contract.md). Each test creates its VMs
 * from the target's template under a name of its own and removes them afterwards by id and by name.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.agent.command-timeout=60s",
            "paddock.agent.long-command-timeout=30m",
            // Only PD's event stream can tell of changes made behind the agent's back within the test's patience.
            "paddock.agent.inventory.refresh-interval=10m"
        })
@Import(RecordingConfiguration.class)
abstract class ParallelsContract {

    protected static final TestTokens tokens = TestTokens.start();

    @Autowired
    ParallelsDesktop parallels;

    @Autowired
    Machines machines;

    @Autowired
    Snapshots snapshots;

    @Autowired
    VmInventory inventory;

    @Autowired
    HostHardware hardware;

    private final List<String> created = new ArrayList<>();

    /** The agent's settings for a target: its tools, and the test issuer's keys for the API's security. */
    static void configure(DynamicPropertyRegistry registry, ContractTarget target) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        target.agentSettings().forEach((name, value) -> registry.add(name, () -> value));
    }

    protected abstract ContractTarget target();

    private String newName(String purpose) {
        String name = "contract-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
        created.add(name);
        return name;
    }

    private Vm template() {
        inventory.refreshAll();
        return machines.get(target().template());
    }

    private Vm cloneOfTemplate(String purpose) {
        return machines.cloneAs(template(), newName(purpose), null);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        for (String name : created) {
            inventory.find(name).ifPresent(vm -> target().remove(vm.id()));
            target().remove(name);
        }
        created.clear();
    }

    @Test
    void readsTheHostsHardwareAndUsers() {
        HostHardware.Hardware machine = hardware.hardware();

        assertThat(Architectures.ALL).contains(machine.architecture());
        assertThat(machine.memoryMb()).isGreaterThan(1024);
        assertThat(machine.logicalCpus()).isPositive();
        assertThat(parallels.version()).matches("\\d+\\.\\d+.*");
        assertThat(parallels.users())
                .isNotEmpty()
                .allSatisfy(user -> assertThat(user.name()).doesNotContain("@"));
        assertThat(parallels.vmHomes()).isNotEmpty();
    }

    @Test
    void listsTheOwnersTemplatesBesideTheirVms() {
        Vm template = template();

        assertThat(template.template()).isTrue();
        assertThat(template.owner()).isEqualTo(target().owner());
        assertThat(template.home()).isNotBlank();
    }

    @Test
    void clonesATemplateAndFindsTheCloneByNameWithAMacOfItsOwn() {
        Vm template = template();
        Vm clone = cloneOfTemplate("clone");

        assertThat(clone.id()).isNotEqualTo(template.id());
        assertThat(clone.template()).isFalse();
        assertThat(clone.owner()).isEqualTo(target().owner());
        assertThat(mac(clone)).isNotEqualTo(mac(template));
    }

    @Test
    void registersABundleUnderTheUuidItIsGivenOrOneMadeForIt() {
        Vm vm = cloneOfTemplate("register");
        String bundle = vm.home();
        machines.unregister(vm.id(), false);

        String given = UUID.randomUUID().toString();
        Vm withUuid = machines.register(new Register(bundle, target().owner(), given, null, false, false, false));
        assertThat(withUuid.id()).isEqualTo(given);
        assertThat(withUuid.name()).isEqualTo(vm.name());

        machines.unregister(withUuid.id(), false);
        Vm withoutUuid = machines.register(new Register(bundle, target().owner(), null, null, true, false, false));
        assertThat(withoutUuid.id()).isNotEqualTo(given).isNotBlank();
        assertThat(inventory.find(withoutUuid.id())).isPresent();
    }

    @Test
    void takesRevertsAndDeletesSnapshots() {
        Vm vm = cloneOfTemplate("snapshots");

        String first = snapshots.create(vm.id(), "first", "before").snapshotId();
        String second = snapshots.create(vm.id(), "second", null).snapshotId();
        assertThat(snapshots.tree(vm.id()).snapshots()).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualToIgnoringCase(first);
            assertThat(root.children())
                    .singleElement()
                    .satisfies(child -> assertThat(child.id()).isEqualToIgnoringCase(second));
        });

        snapshots.revert(vm.id(), first, true);
        snapshots.delete(vm.id(), first, true);
        assertThat(snapshots.tree(vm.id()).snapshots()).isEmpty();
    }

    @Test
    void execRunsTheLineInTheGuestsShellWithWordsAndExitCodesIntact() {
        Vm vm = cloneOfTemplate("exec");
        machines.power(vm.id(), "start", false);
        await().atMost(Duration.ofMinutes(3))
                .ignoreExceptions()
                .until(() -> run(vm, "echo ready").exitCode() == 0);

        assertThat(run(vm, "echo \"a  b\" && echo done").stdout()).isEqualTo("a  b\ndone\n");
        assertThat(run(vm, "false && echo never; echo after").stdout()).isEqualTo("after\n");
        assertThat(run(vm, "exit 7").exitCode()).isEqualTo(7);
        ExecuteResult withVariable = machines.execute(
                vm.id(), new Execute("echo \"$GREETING\"", Map.of("GREETING", "it's a  b"), null, false, false, null));
        assertThat(withVariable.stdout()).isEqualTo("it's a  b\n");
    }

    @Test
    void changesMadeBehindTheAgentsBackArriveThroughEventsWithinSeconds() {
        Vm vm = cloneOfTemplate("events");
        Instant started = Instant.now();
        target().prlctl("start", vm.id());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> inventory.find(vm.id()).map(Vm::isRunning).orElse(false));
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void refusalsAreAnsweredByStateNotByParallelsWording() {
        Vm vm = cloneOfTemplate("refusals");

        // Nothing to do is success, as in the reference.
        assertThat(machines.power(vm.id(), "stop", false).state()).isEqualTo("stopped");
        assertThat(machines.power(vm.id(), "start", false).state()).isEqualTo("running");
        assertThat(machines.power(vm.id(), "start", false).state()).isEqualTo("running");

        assertThat(status(() -> machines.delete(vm.id(), false))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> machines.unregister(vm.id(), false))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(() -> machines.get("contract-no-such-vm"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(() -> machines.cloneAs(vm, vm.name(), null))).isEqualTo(HttpStatus.CONFLICT);

        machines.power(vm.id(), "suspend", false);
        assertThat(status(() -> machines.power(vm.id(), "stop", false))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(machines.power(vm.id(), "stop", true).state()).isEqualTo("stopped");

        machines.power(vm.id(), "start", false);
        machines.delete(vm.id(), true);
        assertThat(inventory.find(vm.id())).isEmpty();
    }

    @Test
    void registeringABundleTwiceIsRefusedByParallels() {
        Vm vm = cloneOfTemplate("twice");

        assertThatThrownBy(() ->
                        machines.register(new Register(vm.home(), target().owner(), null, null, false, false, false)))
                .isInstanceOf(PrlctlFailure.class);
        assertThat(inventory.find(vm.id())).isPresent();
    }

    private ExecuteResult run(Vm vm, String command) {
        return machines.execute(vm.id(), new Execute(command, Map.of(), null, false, false, null));
    }

    private static String mac(Vm vm) {
        return vm.raw().path("Hardware").path("net0").path("mac").asString("");
    }

    private static HttpStatus status(Runnable call) {
        try {
            call.run();
        } catch (ProblemException problem) {
            return problem.status();
        }
        throw new AssertionError("expected a refusal");
    }
}
