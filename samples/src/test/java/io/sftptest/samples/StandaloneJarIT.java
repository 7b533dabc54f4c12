package io.sftptest.samples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The standalone jar is the library jar this build made, with MINA SSHD relocated inside it
 * ({@code io.sftptest.server.shaded.org.apache.sshd}): the same classes and resources, those that use MINA rewritten
 * to the relocated names, the rest byte for byte.
 */
class StandaloneJarIT {
    private static final String RELOCATED = "io/sftptest/server/shaded/";
    /** A mention of MINA SSHD's packages, in a class name or in text, not preceded by the relocated prefix. */
    private static final Pattern UNRELOCATED_MINA = Pattern.compile("(?<!io[/.]sftptest[/.]server[/.]shaded[/.])"
            + "org[/.]apache[/.]sshd");
    /**
     * A reference to a MINA SSHD class in a class file (internal names and descriptors use slashes; the dotted form
     * also occurs in message text, e.g. "call org.apache.sshd.common.util.io.PathUtils.setUserHomeFolderResolver()").
     */
    private static final Pattern UNRELOCATED_MINA_CLASS = Pattern.compile("(?<!io/sftptest/server/shaded/)"
            + "org/apache/sshd/");
    /** A MINA SSHD class named in a META-INF/services file. */
    private static final Pattern UNRELOCATED_MINA_SERVICE = Pattern.compile("(?m)^\\s*org\\.apache\\.sshd\\.");

    @Test
    void holdsTheLibrarysClassesAndResourcesAsThisBuildMadeThem() throws IOException {
        Map<String, byte[]> library = ioSftptestEntries(PublishedJars.core());
        Map<String, byte[]> standalone = ioSftptestEntries(PublishedJars.standalone());

        assertEquals(List.copyOf(library.keySet()), List.copyOf(standalone.keySet()),
                "the library's classes and resources, by name, in the standalone jar (its relocated MINA SSHD aside)");
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : library.entrySet()) {
            byte[] ours = entry.getValue();
            boolean usesMina = UNRELOCATED_MINA.matcher(new String(ours, ISO_8859_1)).find();
            if (!usesMina && !Arrays.equals(ours, standalone.get(entry.getKey()))) {
                different.add(entry.getKey());
            }
        }
        // e.g. the previous build's classes, shaded in ahead of this build's
        assertEquals(List.of(), different, "entries that use no MINA SSHD class yet differ from the library's");
    }

    @Test
    void refersToMinaSshdOnlyUnderItsRelocatedName() throws IOException {
        List<String> unrelocated = new ArrayList<>();
        try (JarFile jar = new JarFile(PublishedJars.standalone().toFile())) {
            jar.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> {
                String name = entry.getName();
                Pattern reference = name.endsWith(".class") ? UNRELOCATED_MINA_CLASS
                        : name.startsWith("META-INF/services/") ? UNRELOCATED_MINA_SERVICE : null;
                if (name.startsWith("org/apache/sshd/") || name.startsWith("META-INF/services/org.apache.sshd.")) {
                    unrelocated.add(name);
                } else if (reference != null) {
                    try {
                        if (reference.matcher(new String(jar.getInputStream(entry).readAllBytes(), ISO_8859_1)).find()) {
                            unrelocated.add(name);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read " + name, e);
                    }
                }
            });
        }
        assertEquals(List.of(), unrelocated, "entries of the standalone jar that name MINA SSHD's own packages");
    }

    /** The entries under io/sftptest/ other than the relocated MINA SSHD, name to content. */
    private static Map<String, byte[]> ioSftptestEntries(Path jarPath) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith("io/sftptest/") && !name.startsWith(RELOCATED)) {
                    entries.put(name, jar.getInputStream(entry).readAllBytes());
                }
            }
        }
        return entries;
    }
}
