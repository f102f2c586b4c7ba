package dev.paddock.agent.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.agent.machines.MachineRequests.SnapshotNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The tree rebuilt from a recorded {@code prlctl snapshot-list --json} (ids in braces, parents, one current). */
class SnapshotTreeTests {

    @Test
    void rebuildsTheTreeFromParentsOrderingChildrenByDate() throws IOException {
        try (InputStream in = SnapshotTreeTests.class.getResourceAsStream("/prlctl/snapshot-list.json")) {
            List<SnapshotNode> roots =
                    Snapshots.buildTree(JsonMapper.builder().build().readTree(in));

            assertThat(roots).hasSize(1);
            SnapshotNode clean = roots.getFirst();
            assertThat(clean.id()).isEqualTo("11111111-0000-0000-0000-000000000001");
            assertThat(clean.parent()).isEmpty();
            SnapshotNode tools = clean.children().getFirst();
            assertThat(tools.name()).isEqualTo("brew + tools");
            assertThat(tools.children())
                    .extracting(SnapshotNode::name)
                    .containsExactly("xcode 15 branch", "xcode 16.1");
            assertThat(tools.children().get(1).current()).isTrue();
            assertThat(tools.children().get(1).parent()).isEqualTo("11111111-0000-0000-0000-000000000002");
        }
    }
}
