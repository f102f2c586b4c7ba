package dev.paddock.agent.machines;

import dev.paddock.agent.machines.MachineRequests.Upload;
import dev.paddock.agent.machines.MachineRequests.Uploaded;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Copies a file from the host into a running guest ({@code POST /machines/{id}/upload}). PD 20.2 and later have
 * {@code prlcopy} for this (REF main.go:2618-2636); older versions are refused with the reason, since the reference's
 * fallback (a tar stream piped into {@code prlctl exec}, main.go:2528-2617) is not implemented here. Only files inside
 * the agent's VM folders can be sent, so a request cannot copy the host's own files into a guest.
 */
@Service
public class Uploads {

    private final ParallelsDesktop parallels;
    private final Machines machines;
    private final VmFolders folders;

    Uploads(ParallelsDesktop parallels, Machines machines, VmFolders folders) {
        this.parallels = parallels;
        this.machines = machines;
        this.folders = folders;
    }

    public Uploaded upload(String idOrName, Upload request) {
        Path file = folders.inside(request.path(), "path");
        if (!Files.isRegularFile(file)) {
            throw ProblemException.badRequest(
                    "file-not-found", "path " + request.path() + " is not a file on this host.");
        }
        Vm vm = machines.get(idOrName);
        if (!vm.isRunning()) {
            throw ProblemException.conflict(
                    "vm-state-conflict",
                    "VM " + vm.name() + " is " + vm.state() + "; files can be uploaded only into a running VM.");
        }
        String version = parallels.version();
        if (!atLeast(version, 20, 2)) {
            throw new ProblemException(
                    HttpStatus.NOT_IMPLEMENTED,
                    "upload-needs-prlcopy",
                    "Upload not available",
                    "Uploads use prlcopy, which Parallels Desktop has from 20.2 on; this host runs " + version
                            + ". Update Parallels Desktop, or copy the file with scp through the VM's SSH.");
        }
        parallels.copyIntoGuest(vm, file, request.remotePath());
        return new Uploaded(request.remotePath(), null);
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("[.\\s]");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || (actualMajor == major && actualMinor >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
