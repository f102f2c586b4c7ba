package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.simulator.evidence.CorpusEntry;
import dev.paddock.simulator.evidence.PdCorpus;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The driver's parsers read PD's output as the recorded-output corpus shows it (parallels-simulator pd-corpus, each entry with
 * its evidence), not as the simulator prints it.
 */
class CorpusParsingTests {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static List<Vm> vms(String entry) {
        return PdOutput.array(PdCorpus.entry(entry).body()).stream()
                .map(node -> Vm.parse(node, "builder"))
                .toList();
    }

    @Test
    void aBulkListingWithoutHomeStillGivesEachVmItsBundleFolder() {
        List<Vm> vms = vms("prlctl-list-all-info-json.out");

        assertThat(vms).isNotEmpty();
        assertThat(vms).allSatisfy(vm -> {
            assertThat(vm.home()).endsWith("/").doesNotEndWith("config.pvs/");
            assertThat(vm.home()).containsAnyOf(".pvm/", ".macvm/");
            assertThat(vm.id()).matches(UUID).doesNotStartWith("{");
            // The API answers the reference's shape, Home included, as the reference fills it in.
            assertThat(vm.raw().path("Home").asString()).isEqualTo(vm.home());
        });
    }

    @Test
    void aRunningMacOsGuestHasNoAddressInTheListing() {
        Vm mac = vms("prlctl-list-all-info-json.out").stream()
                .filter(Vm::isMacOs)
                .findFirst()
                .orElseThrow();

        assertThat(mac.isRunning()).isTrue();
        assertThat(mac.ip()).isNull();
    }

    @Test
    void templatesAreListedOnlyWhenAskedFor() {
        assertThat(vms("prlctl-list-all-info-json.out")).noneMatch(Vm::template);
        assertThat(vms("prlctl-list-template-info-json.out")).isNotEmpty().allMatch(Vm::template);
    }

    @Test
    void aWarningBeforeTheJsonDoesNotBreakTheListing() {
        CorpusEntry noisy = PdCorpus.entry("prlctl-list-all-info-json-with-warning.out");

        assertThat(noisy.body().strip()).doesNotStartWith("[");
        assertThat(vms("prlctl-list-all-info-json-with-warning.out")).isNotEmpty();
    }

    @Test
    void theLicenceIsReadPastTheEditionNote() {
        JsonNode license = PdOutput.json(PdCorpus.entry("prlsrvctl-info-license-json-standard-edition.out")
                .body());

        assertThat(license.path("status").asString()).isNotBlank();
    }

    @Test
    void serverInfoCarriesNoHardwareSoHardwareComesFromSysctl() {
        JsonNode info = PdOutput.json(PdCorpus.entry("prlsrvctl-info-json.out").body());

        assertThat(info.has("VM home")).isTrue();
        assertThat(info.has("CPU")).isFalse();
        assertThat(info.has("Memory")).isFalse();
    }

    @Test
    void usersAreReadFromUpperCaseKeysWithoutTheirHost() {
        JsonNode users =
                PdOutput.json(PdCorpus.entry("prlsrvctl-user-list-json.out").body());

        assertThat(users.isArray()).isTrue();
        for (JsonNode user : users) {
            assertThat(user.has("NAME")).isTrue();
            assertThat(user.has("DEF_VM_HOME")).isTrue();
            assertThat(ParallelsDesktop.bareUserName(user.path("NAME").asString()))
                    .doesNotContain("@");
        }
        assertThat(ParallelsDesktop.bareUserName("builder@mac-mini.local")).isEqualTo("builder");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"prlctl-register-with-uuid.out", "prlctl-register-regenerates-uuid.out", "prlctl-clone.out"})
    void registerAndClonePrintNoIdSoTheDriverNeverReadsOne(String entry) {
        assertThat(UUID.matcher(PdCorpus.entry(entry).body()).find()).isFalse();
    }

    @Test
    void registerIsAlwaysGivenTheUuidItWillBeFoundBy() {
        List<String> arguments = Prlctl.register(
                        java.nio.file.Path.of("/Users/builder/Parallels/a.pvm"),
                        "0e3b7a52-0c7f-4a3c-9a37-2f0d9b6c1a10",
                        new Prlctl.RegisterOptions(true, false, false))
                .arguments();

        assertThat(arguments).containsSequence("--uuid", "0e3b7a52-0c7f-4a3c-9a37-2f0d9b6c1a10");
    }

    @Test
    void theMacGuestAddressIsOneLineOfOutput() {
        String body = PdCorpus.entry("prlctl-exec-macos-ipconfig.out").body().strip();

        assertThat(body).matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    @Test
    void aListingCutShortIsAnErrorNotAnEmptyList() {
        assertThatThrownBy(() -> PdOutput.array("[\n  {\"ID\": \"x\"")).isInstanceOf(PdOutput.PdOutputUnreadable.class);
        assertThat(PdOutput.array("")).isEmpty();
    }
}
