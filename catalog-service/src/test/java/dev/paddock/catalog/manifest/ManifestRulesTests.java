package dev.paddock.catalog.manifest;

import static dev.paddock.catalog.manifest.ManifestKeyTests.isBadRequest;
import static dev.paddock.catalog.manifest.ManifestKeyTests.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.paddock.catalog.manifest.Manifests.Field;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.common.security.Roles;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.PackIndex;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class ManifestRulesTests {

    static final String DIGEST = "a".repeat(64);
    static final PackIndex PACK = new PackIndex(
            PackIndex.FORMAT,
            PackIndex.DEFAULT_CHUNK_SIZE,
            3 * 1024,
            List.of(new PackIndex.Chunk(DIGEST, 1024), new PackIndex.Chunk(PackIndex.Chunk.ZERO, 2048)));

    // Commits

    @ParameterizedTest
    @ValueSource(strings = {"macvm", "pvm"})
    void acceptsACommitOfAKnownTypeWithAValidPack(String type) {
        assertThat(ManifestRules.validate(commit(type, "a golden image", PACK))).isSameAs(PACK);
    }

    static Stream<Arguments> invalidCommits() {
        PackIndex unknownFormat = new PackIndex("paddock-pack/0", PackIndex.DEFAULT_CHUNK_SIZE, 1024, PACK.chunks());
        PackIndex wrongSize = new PackIndex(PackIndex.FORMAT, PackIndex.DEFAULT_CHUNK_SIZE, 1, PACK.chunks());
        PackIndex badDigest = new PackIndex(
                PackIndex.FORMAT, PackIndex.DEFAULT_CHUNK_SIZE, 1024, List.of(new PackIndex.Chunk("../x", 1024)));
        return Stream.of(
                Arguments.of("no pack", commit("macvm", null, null), "pack-missing"),
                Arguments.of("no type", commit(null, null, PACK), "invalid-type"),
                Arguments.of("unknown type", commit("vmdk", null, PACK), "invalid-type"),
                Arguments.of("type in capitals", commit("MACVM", null, PACK), "invalid-type"),
                Arguments.of("description too long", commit("pvm", "d".repeat(2001), PACK), "invalid-description"),
                Arguments.of("unknown pack format", commit("pvm", null, unknownFormat), "invalid-pack"),
                Arguments.of("sizes that do not add up", commit("pvm", null, wrongSize), "invalid-pack"),
                Arguments.of("malformed chunk digest", commit("pvm", null, badDigest), "invalid-pack"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCommits")
    void refusesInvalidCommits(String why, ManifestCommit commit, String type) {
        assertThat(problem(() -> ManifestRules.validate(commit))).satisfies(p -> isBadRequest(p, type));
    }

    @Test
    void acceptsADescriptionOfExactly2000Characters() {
        assertThatNoException().isThrownBy(() -> ManifestRules.requireDescription("d".repeat(2000)));
        assertThatNoException().isThrownBy(() -> ManifestRules.requireDescription(null));
    }

    // Labels and patches

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stable|stable",
                "stable,beta|stable,beta",
                "beta,stable,beta|beta,stable",
                "a,a,a|a",
            })
    void keepsLabelsInOrderWithoutDuplicates(String given, String kept) {
        assertThat(ManifestRules.labels("tag", List.of(given.split(",")))).containsExactly(kept.split(","));
    }

    @Test
    void treatsAbsentLabelsAsNone() {
        assertThat(ManifestRules.labels("tag", null)).isEmpty();
        assertThat(ManifestRules.labels("tag", List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "tag, white space, invalid-tag",
        "tag, -dash, invalid-tag",
        "required role, a/b, invalid-required-role",
        "required claim, '', invalid-required-claim",
    })
    void refusesLabelsThatAreNotNames(String what, String label, String type) {
        assertThat(problem(() -> ManifestRules.labels(what, List.of("fine", label))))
                .satisfies(p -> isBadRequest(p, type));
    }

    @Test
    void acceptsAt64LabelsAndRefusesMore() {
        List<String> most = IntStream.range(0, 64).mapToObj(i -> "t" + i).toList();
        List<String> tooMany = IntStream.range(0, 65).mapToObj(i -> "t" + i).toList();

        assertThat(ManifestRules.labels("tag", most)).hasSize(64);
        assertThat(problem(() -> ManifestRules.labels("tag", tooMany)))
                .satisfies(p -> isBadRequest(p, "too-many-labels"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Field.class)
    void takesFromAPatchOnlyTheListItsFieldNames(Field field) {
        ManifestPatch patch = new ManifestPatch("ignored", List.of("tag1"), List.of("role1"), List.of("claim1"));

        List<String> expected = switch (field) {
            case TAGS -> List.of("tag1");
            case ROLES -> List.of("role1");
            case CLAIMS -> List.of("claim1");
        };
        assertThat(ManifestRules.requireSome(field, patch)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Field.class)
    void refusesAPatchWithNothingForItsField(Field field) {
        ManifestPatch absent = new ManifestPatch("only a description", null, null, null);
        ManifestPatch empty = new ManifestPatch(null, List.of(), List.of(), List.of());
        ManifestPatch otherField = field == Field.TAGS
                ? new ManifestPatch(null, null, List.of("role"), List.of("claim"))
                : new ManifestPatch(null, List.of("tag"), null, null);

        for (ManifestPatch patch : List.of(absent, empty, otherField)) {
            assertThat(problem(() -> ManifestRules.requireSome(field, patch)))
                    .satisfies(p -> isBadRequest(p, "nothing-to-change"));
        }
    }

    @Test
    void checksEveryPatchedValueAsALabelOfItsField() {
        ManifestPatch patch = new ManifestPatch(null, List.of("ok", "not ok"), null, null);

        assertThat(problem(() -> ManifestRules.requireSome(Field.TAGS, patch)))
                .satisfies(p -> isBadRequest(p, "invalid-tags"));
    }

    // Visibility

    @ParameterizedTest(name = "roles {0}, claims {1}, caller roles {2}, caller claims {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "          |             |        |              | true",
                "qa        |             |        |              | false",
                "qa        |             | qa     |              | true",
                "qa,ops    |             | ops    |              | true",
                "qa        |             | dev    |              | false",
                "          | PULL_SECRET |        | PULL_SECRET  | true",
                "          | PULL_SECRET |        | OTHER        | false",
                "qa        | PULL_SECRET | qa     |              | false",
                "qa        | PULL_SECRET |        | PULL_SECRET  | false",
                "qa        | PULL_SECRET | qa     | PULL_SECRET  | true",
            })
    void showsAManifestToCallersWithOneOfItsRolesAndOneOfItsClaims(
            @Nullable String roles,
            @Nullable String claims,
            @Nullable String callerRoles,
            @Nullable String callerClaims,
            boolean visible) {
        CatalogManifest manifest = manifest(false, false, list(roles), list(claims));

        assertThat(ManifestRules.visibleTo(manifest, caller(list(callerRoles), list(callerClaims))))
                .isEqualTo(visible);
    }

    @Test
    void showsEveryManifestToSuperUsers() {
        CatalogManifest restricted = manifest(true, true, List.of("qa"), List.of("PULL_SECRET"));

        assertThat(ManifestRules.visibleTo(restricted, caller(List.of(Roles.SUPER_USER), List.of())))
                .isTrue();
    }

    // Taint and revoke

    @Test
    void letsOnlySuperUsersTaintUntaintOrRevoke() {
        assertThatNoException()
                .isThrownBy(() -> ManifestRules.requireAdministrator(caller(List.of(Roles.SUPER_USER), List.of())));
        ProblemException refused = problem(
                () -> ManifestRules.requireAdministrator(caller(List.of("admin"), List.of("UPDATE_CATALOG_MANIFEST"))));

        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/super-user-required");
    }

    @ParameterizedTest(name = "tainted {0}, revoked {1} -> {2}")
    @CsvSource({
        "false, false, 0,",
        "true, false, 400, manifest-tainted",
        "false, true, 403, manifest-revoked",
        "true, true, 403, manifest-revoked",
    })
    void pullsNeitherTaintedNorRevokedImagesAndSaysRevokedFirst(
            boolean tainted, boolean revoked, int status, @Nullable String type) {
        CatalogManifest manifest = manifest(tainted, revoked, List.of(), List.of());

        if (type == null) {
            assertThatNoException().isThrownBy(() -> ManifestRules.requirePullable(manifest));
        } else {
            ProblemException refused = problem(() -> ManifestRules.requirePullable(manifest));
            assertThat(refused.status().value()).isEqualTo(status);
            assertThat(refused.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/" + type);
        }
    }

    @ParameterizedTest(name = "tainted {0} -> untaint allowed {1}")
    @CsvSource({"true, true", "false, false"})
    void untaintsOnlyATaintedManifest(boolean tainted, boolean allowed) {
        CatalogManifest manifest = manifest(tainted, false, List.of(), List.of());

        if (allowed) {
            assertThatNoException().isThrownBy(() -> ManifestRules.requireTainted(manifest));
        } else {
            assertThat(problem(() -> ManifestRules.requireTainted(manifest)))
                    .satisfies(p -> isBadRequest(p, "manifest-not-tainted"));
        }
    }

    @ParameterizedTest(name = "tainted {0}, revoked {1} -> push again allowed {2}")
    @CsvSource({"false, false, true", "true, false, true", "false, true, false", "true, true, false"})
    void refusesToPushARevokedVersionAgainButReplacesATaintedOne(boolean tainted, boolean revoked, boolean allowed) {
        CatalogManifest existing = manifest(tainted, revoked, List.of(), List.of());

        if (allowed) {
            assertThatNoException().isThrownBy(() -> ManifestRules.requirePushable(existing.key(), existing));
        } else {
            ProblemException refused = problem(() -> ManifestRules.requirePushable(existing.key(), existing));
            assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.toProblemDetail().getType())
                    .hasToString("https://paddock.dev/problems/manifest-revoked");
        }
    }

    static ManifestCommit commit(@Nullable String type, @Nullable String description, @Nullable PackIndex pack) {
        return new ManifestCommit(
                "macos", "15.1", "arm64", type, description, List.of(), List.of(), List.of(), null, pack);
    }

    static PaddockPrincipal caller(List<String> roles, List<String> claims) {
        return new PaddockPrincipal("u-1", "ada", "ada@example.com", Set.copyOf(roles), Set.copyOf(claims), null);
    }

    static CatalogManifest manifest(boolean tainted, boolean revoked, List<String> roles, List<String> claims) {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        return new CatalogManifest(
                UUID.randomUUID(),
                "macos",
                "macos-arm64-15.1",
                "15.1",
                "arm64",
                null,
                "macvm",
                "/macos",
                1024,
                512,
                1,
                true,
                new CatalogManifest.Provider("local"),
                null,
                List.of("latest"),
                roles,
                claims,
                tainted,
                tainted ? "root" : null,
                tainted ? now : null,
                null,
                revoked,
                revoked ? "root" : null,
                revoked ? now : null,
                0,
                null,
                null,
                "ada",
                now,
                now);
    }

    private static List<String> list(@Nullable String commaSeparated) {
        return commaSeparated == null ? Collections.emptyList() : Arrays.asList(commaSeparated.split(","));
    }
}
