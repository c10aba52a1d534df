package com.seqplay.run.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The packaged application unpacked into a plain class path for child JVMs: {@code app.jar} (our
 * classes, with a manifest {@code Class-Path} naming each library in the packaged order) and
 * {@code lib/}. A child started this way skips Spring Boot's nested-jar loader, which copies the
 * native-library jars (about 100 MB) to a fresh temporary folder on every start, and it can use a
 * class-data archive, which needs classes in plain jar files.
 */
final class UnpackedJar {
    static final String APP_JAR = "app.jar";
    private static final String CLASSES = "BOOT-INF/classes/";
    private static final String LIBS = "BOOT-INF/lib/";
    private static final String INDEX = "BOOT-INF/classpath.idx";
    private static final String PREFIX = "classpath-";

    private UnpackedJar() {}

    /**
     * The folder for this jar under {@code cacheRoot}, unpacked now unless an earlier start did it
     * (the folder name records the jar's size and time, so a rebuilt jar gets a new one). Folders
     * of other versions are removed.
     */
    static Path unpack(Path jar, Path cacheRoot) throws IOException {
        Files.createDirectories(cacheRoot);
        String key = PREFIX + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path dir = cacheRoot.resolve(key);
        if (!Files.isRegularFile(dir.resolve(APP_JAR))) {
            Path work = Files.createTempDirectory(cacheRoot, key + ".unpacking-");
            try {
                write(jar, work);
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(dir.resolve(APP_JAR))) {
                    throw e;
                }
                // another server process on the same data folder finished first; use its copy
            } finally {
                deleteTree(work);
            }
        }
        removeOthers(cacheRoot, key);
        return dir;
    }

    private static void write(Path jar, Path target) throws IOException {
        Path lib = Files.createDirectories(target.resolve("lib"));
        try (JarFile fat = new JarFile(jar.toFile())) {
            if (fat.getEntry(CLASSES) == null) {
                throw new IOException(jar + " is not a Spring Boot jar (no " + CLASSES + ")");
            }
            List<String> libraries = libraries(fat);
            for (String name : libraries) {
                try (InputStream in = fat.getInputStream(fat.getEntry(LIBS + name))) {
                    Files.copy(in, lib.resolve(name));
                }
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                    String.join(" ", libraries.stream().map(n -> "lib/" + n).toList()));
            try (OutputStream file = Files.newOutputStream(target.resolve(APP_JAR));
                 JarOutputStream app = new JarOutputStream(file, manifest)) {
                for (JarEntry e : Collections.list(fat.entries())) {
                    if (e.getName().startsWith(CLASSES) && e.getName().length() > CLASSES.length()) {
                        app.putNextEntry(new JarEntry(e.getName().substring(CLASSES.length())));
                        if (!e.isDirectory()) {
                            try (InputStream in = fat.getInputStream(e)) {
                                in.transferTo(app);
                            }
                        }
                        app.closeEntry();
                    }
                }
            }
        }
    }

    /** The libraries in the order the packaged application puts them on its class path. */
    private static List<String> libraries(JarFile fat) throws IOException {
        List<String> names = new ArrayList<>();
        JarEntry index = fat.getJarEntry(INDEX);
        if (index != null) {
            try (InputStream in = fat.getInputStream(index)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String entry = line.trim().replaceFirst("^- \"(.*)\"$", "$1");
                    if (entry.startsWith(LIBS)) {
                        names.add(entry.substring(LIBS.length()));
                    }
                }
            }
        }
        for (JarEntry e : Collections.list(fat.entries())) {
            String name = e.getName();
            if (name.startsWith(LIBS) && name.endsWith(".jar") && !names.contains(name.substring(LIBS.length()))) {
                names.add(name.substring(LIBS.length()));
            }
        }
        return names;
    }

    private static void removeOthers(Path cacheRoot, String keep) {
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.getFileName().toString().equals(keep))
                    .forEach(UnpackedJar::deleteTree);
        } catch (IOException ignored) {
            // an old copy left behind costs disk space only
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what stays is only disk space
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
