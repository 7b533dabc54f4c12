package io.sftptest.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What a release uploads beside each published jar: Maven Central takes a jar only with its {@code -sources.jar} and
 * {@code -javadoc.jar}. Runs under {@code mvn -B -P release verify}, which builds them (samples/pom.xml's release
 * profile passes their paths in). The standalone artifact has no sources of its own: its jars are the library's.
 */
class ReleaseJarsIT {
    private static final List<String> PUBLISHED_JAR_MODULES = List.of("server", "standalone", "assertions", "junit");

    @Test
    void everyPublishedJarHasASourcesJarAndAJavadocJar() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String module : PUBLISHED_JAR_MODULES) {
            Path sources = PublishedJars.releaseJar(module, "sources");
            if (entries(sources).keySet().stream().noneMatch(name -> name.startsWith("io/sftptest/")
                    && name.endsWith(".java"))) {
                missing.add(sources + " holds no io.sftptest source file");
            }
            Path javadoc = PublishedJars.releaseJar(module, "javadoc");
            if (!entries(javadoc).keySet().containsAll(List.of("index.html", "element-list"))) {
                missing.add(javadoc + " has no index.html or element-list");
            }
        }
        assertEquals(List.of(), missing, "release jars without content");
    }

    @Test
    void theStandalonesJavadocDocumentsTheLibrarysPublicPackagesAndNotTheRelocatedMina() throws IOException {
        Path standalone = PublishedJars.releaseJar("standalone", "javadoc");

        List<String> packages = elementList(standalone);
        assertEquals(elementList(PublishedJars.releaseJar("server", "javadoc")), packages,
                "the packages the standalone's Javadoc documents, against the library's");
        assertEquals(List.of("io.sftptest.server", "io.sftptest.server.cli", "io.sftptest.server.event"), packages,
                "the public packages (no .internal, no relocated MINA SSHD)");
        assertTrue(entries(standalone).containsKey("io/sftptest/server/SftpTestServer.html"),
                () -> standalone + " documents SftpTestServer");
        assertEquals(List.of(), entries(standalone).keySet().stream()
                .filter(name -> name.contains("shaded") || name.contains("apache/sshd")).toList(),
                "pages about MINA SSHD in " + standalone);
    }

    @Test
    void theStandalonesSourcesAreTheLibrarysSources() throws IOException {
        Map<String, Long> standalone = withoutMetaInf(entries(PublishedJars.releaseJar("standalone", "sources")));
        Map<String, Long> library = withoutMetaInf(entries(PublishedJars.releaseJar("server", "sources")));

        assertTrue(standalone.containsKey("io/sftptest/server/SftpTestServer.java"),
                () -> "the standalone's sources hold SftpTestServer.java: " + standalone.keySet());
        assertEquals(library, standalone, "the files (name and CRC) of the standalone's -sources.jar, against the"
                + " library's");
    }

    /** The entries of a jar, name to CRC-32 (directories left out). */
    private static Map<String, Long> entries(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Map<String, Long> entries = new TreeMap<>();
            file.stream().filter(entry -> !entry.isDirectory())
                    .forEach(entry -> entries.put(entry.getName(), entry.getCrc()));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static Map<String, Long> withoutMetaInf(Map<String, Long> entries) {
        Map<String, Long> kept = new TreeMap<>(entries);
        kept.keySet().removeIf(name -> name.startsWith("META-INF/"));
        return kept;
    }

    /** The packages a Javadoc jar documents: its element-list, one package a line. */
    private static List<String> elementList(Path javadoc) throws IOException {
        try (JarFile file = new JarFile(javadoc.toFile())) {
            JarEntry list = file.getJarEntry("element-list");
            assertTrue(list != null, () -> javadoc + " has no element-list");
            return Arrays.stream(new String(file.getInputStream(list).readAllBytes(), UTF_8).split("\n"))
                    .filter(line -> !line.isBlank()).sorted().toList();
        }
    }
}
