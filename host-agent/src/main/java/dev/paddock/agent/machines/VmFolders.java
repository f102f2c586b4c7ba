package dev.paddock.agent.machines;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.common.problem.ProblemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The folders the agent lets requests touch: bundles are registered only from them and clones go only into them, so no
 * request can make Parallels read or write elsewhere on the host.
 */
@Component
class VmFolders {

    private final AgentProperties properties;
    private final ParallelsDesktop parallels;

    VmFolders(AgentProperties properties, ParallelsDesktop parallels) {
        this.properties = properties;
        this.parallels = parallels;
    }

    List<Path> allowed() {
        List<Path> roots = new ArrayList<>();
        properties
                .vmFolders()
                .forEach(folder -> roots.add(folder.toAbsolutePath().normalize()));
        if (properties.vmFolder() != null) {
            roots.add(properties.vmFolder().toAbsolutePath().normalize());
        }
        if (roots.isEmpty()) {
            parallels.vmHomes().forEach(home -> roots.add(home.toAbsolutePath().normalize()));
        }
        return roots;
    }

    /** The configured VM folder, else the first folder Parallels keeps VMs in. */
    Path defaultFolder() {
        if (properties.vmFolder() != null) {
            return properties.vmFolder().toAbsolutePath().normalize();
        }
        List<Path> roots = allowed();
        if (roots.isEmpty()) {
            throw new IllegalStateException("no VM folder is known; set paddock.agent.vm-folder");
        }
        return roots.getFirst();
    }

    /** The path, normalised, if it lies inside an allowed folder; a 400 naming the allowed folders otherwise. */
    Path inside(String requested, String what) {
        Path path;
        try {
            path = Path.of(requested);
        } catch (java.nio.file.InvalidPathException e) {
            throw ProblemException.badRequest("invalid-path", what + " is not a valid path: " + requested);
        }
        if (!path.isAbsolute()) {
            throw ProblemException.badRequest("invalid-path", what + " must be an absolute path, got " + requested);
        }
        Path normalized = path.normalize();
        List<Path> roots = allowed();
        if (roots.stream().noneMatch(normalized::startsWith)) {
            throw ProblemException.badRequest(
                    "path-outside-vm-folders",
                    what + " " + requested + " is outside the VM folders this agent manages: " + roots);
        }
        return normalized;
    }
}
