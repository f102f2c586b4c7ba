package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.VmRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Random;

/**
 * Real bundle folders: {@code .macvm} with config.pvs, aux.bin, macid.bin, machw.bin and a disk image; {@code .pvm}
 * with config.pvs, NVRAM.dat and a {@code .hdd} folder. Disk images are sparse files of the VM's apparent disk size
 * with a few MB of non-zero "system" data at the start, so image transfers move real bytes but little disk is used.
 */
final class Bundles {

    /** Non-zero bytes written at the start of every new disk image. */
    static final int SYSTEM_DATA_BYTES = 4 * 1024 * 1024;

    private Bundles() {}

    static void create(VmRecord vm) {
        Path home = Path.of(vm.home);
        if (Files.exists(home)) {
            throw new SimulatorFailure(1, "Failed to create the VM: the directory " + home + " already exists.");
        }
        try {
            Files.createDirectories(home);
            writeConfig(vm);
            if (vm.isMac()) {
                for (String file : new String[] {"aux.bin", "macid.bin", "machw.bin"}) {
                    Files.write(home.resolve(file), randomBytes(file.hashCode() ^ vm.uuid.hashCode(), 4096));
                }
                sparseDisk(home.resolve("disk0.img"), vm.diskMb, vm.uuid);
            } else {
                Files.write(home.resolve("NVRAM.dat"), randomBytes(vm.uuid.hashCode(), 8192));
                Path hdd = Files.createDirectories(home.resolve(vm.name + ".hdd"));
                Files.writeString(hdd.resolve("DiskDescriptor.xml"), "<Parallels_disk_image/>\n");
                sparseDisk(hdd.resolve(vm.name + ".hdd.0.{" + vm.uuid + "}.hds"), vm.diskMb, vm.uuid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites config.pvs after a settings change; the agent never parses it, but real bundles have it current. */
    static void writeConfig(VmRecord vm) throws IOException {
        String config = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ParallelsVirtualMachine>
                  <Identification><VmUuid>%s</VmUuid><VmName>%s</VmName></Identification>
                  <Hardware><Cpu><Number>%d</Number></Cpu><Memory><RAM>%d</RAM></Memory></Hardware>
                  <Settings><General><OS>%s</OS></General></Settings>
                </ParallelsVirtualMachine>
                """.formatted(vm.bracedId(), vm.name, vm.cpus, vm.memoryMb, vm.os);
        Files.writeString(Path.of(vm.home).resolve("config.pvs"), config, StandardCharsets.UTF_8);
    }

    /** The bundle's config.pvs, or "" when it has none. */
    static String readConfigText(Path folder) {
        try {
            Path config = folder.resolve("config.pvs");
            return Files.exists(config) ? Files.readString(config, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the first {@code <tag>...</tag>} in config.pvs (PD's XML; names and UUIDs hold no markup). */
    static java.util.Optional<String> element(String config, String tag) {
        int start = config.indexOf("<" + tag + ">");
        int end = config.indexOf("</" + tag + ">");
        if (start < 0 || end < start) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                config.substring(start + tag.length() + 2, end).strip());
    }

    /** Whether a folder is a bundle PD would register: the files prlctl.md lists for its kind. */
    static boolean isValidBundle(Path folder) {
        if (!Files.isDirectory(folder) || !Files.exists(folder.resolve("config.pvs"))) {
            return false;
        }
        String name = folder.getFileName().toString();
        if (name.endsWith(".macvm")) {
            return Files.exists(folder.resolve("aux.bin"))
                    && Files.exists(folder.resolve("macid.bin"))
                    && Files.exists(folder.resolve("machw.bin"));
        }
        if (name.endsWith(".pvm")) {
            try (var entries = Files.list(folder)) {
                return Files.exists(folder.resolve("NVRAM.dat"))
                        && entries.anyMatch(p -> p.getFileName().toString().endsWith(".hdd"));
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** Copies a bundle, keeping disk images sparse (only non-zero blocks are written). */
    static void copy(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(
                            target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path destination = target.resolve(source.relativize(file).toString());
                    if (attrs.size() > SYSTEM_DATA_BYTES) {
                        copySparse(file, destination, attrs.size());
                    } else {
                        Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copySparse(Path from, Path to, long size) throws IOException {
        byte[] block = new byte[1024 * 1024];
        try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r");
                RandomAccessFile out = new RandomAccessFile(to.toFile(), "rw")) {
            out.setLength(size);
            long offset = 0;
            int read;
            while ((read = in.read(block)) > 0) {
                if (!allZero(block, read)) {
                    out.seek(offset);
                    out.write(block, 0, read);
                }
                offset += read;
            }
        }
    }

    private static boolean allZero(byte[] block, int length) {
        for (int i = 0; i < length; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void sparseDisk(Path file, long sizeMb, String seed) throws IOException {
        try (RandomAccessFile disk = new RandomAccessFile(file.toFile(), "rw")) {
            disk.setLength(sizeMb * 1024 * 1024);
            disk.write(randomBytes(seed.hashCode(), (int) Math.min(SYSTEM_DATA_BYTES, sizeMb * 1024 * 1024)));
        }
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
