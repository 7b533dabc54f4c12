package io.sftptest.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module names of the published jars are API: users write {@code requires io.sftptest.server;}
 * in their module-info.java. These tests read the jars this build produced the way a module path
 * does. The names come from the Automatic-Module-Name manifest entry; no jar has a module-info.class
 * because MINA SSHD's sshd-core and sshd-common split packages, so the core's dependencies cannot
 * be named modules.
 */
class ModuleNamesIT {

    private static final Map<String, Path> JARS_BY_MODULE = Map.of(
            "io.sftptest.server", PublishedJars.core(),
            "io.sftptest.assertj", PublishedJars.assertions(),
            "io.sftptest.junit", PublishedJars.junit());

    @Test
    void coreJarIsTheModuleIoSftptestServer() throws IOException {
        assertModuleName("io.sftptest.server");
    }

    @Test
    void assertionsJarIsTheModuleIoSftptestAssertj() throws IOException {
        assertModuleName("io.sftptest.assertj");
    }

    @Test
    void junitJarIsTheModuleIoSftptestJunit() throws IOException {
        assertModuleName("io.sftptest.junit");
    }

    /**
     * The standalone jar keeps the library's module name: it holds the library's packages, so the two are alternatives
     * that never share a path (docs/ARTIFACTS.md), and a module-info.java needs no change to switch between them.
     */
    @Test
    void standaloneJarIsTheModuleIoSftptestServerToo() throws IOException {
        assertModuleName(PublishedJars.standalone(), "io.sftptest.server");
    }

    @Test
    void aNamedModuleThatRequiresAllThreeCompiles(@TempDir Path dir) throws IOException {
        assertCompilesAgainst(dir, JARS_BY_MODULE.values());
    }

    @Test
    void theSameModuleCompilesAgainstTheStandaloneJarInPlaceOfTheLibrary(@TempDir Path dir) throws IOException {
        assertCompilesAgainst(dir, List.of(PublishedJars.standalone(), PublishedJars.assertions(), PublishedJars.junit()));
    }

    private static void assertCompilesAgainst(Path dir, Collection<Path> modulePath) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example/user"));
        Files.writeString(dir.resolve("src/module-info.java"), """
                module com.example.user {
                    requires io.sftptest.server;
                    requires io.sftptest.assertj;
                    requires io.sftptest.junit;
                }
                """);
        Files.writeString(src.resolve("User.java"), "package com.example.user;\npublic class User {}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = javac.run(null, output, output,
                "-d", dir.resolve("classes").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList()),
                dir.resolve("src/module-info.java").toString(),
                src.resolve("User.java").toString());
        assertEquals(0, exitCode, () -> "a module requiring the three modules did not compile against " + modulePath
                + ":\n" + output);
    }

    @Test
    void theJarsResolveTogetherAndTheirClassesLoadIntoTheirModules() throws IOException {
        assertResolveAndLoad(JARS_BY_MODULE);
    }

    /** The relocated MINA SSHD, its services (provides ... with ...) included, belongs to the standalone's module. */
    @Test
    void theStandaloneJarResolvesWithTheOthersAndItsClassesLoadIntoItsModule() throws IOException {
        assertResolveAndLoad(Map.of("io.sftptest.server", PublishedJars.standalone(),
                "io.sftptest.assertj", PublishedJars.assertions(),
                "io.sftptest.junit", PublishedJars.junit()));
    }

    private static void assertResolveAndLoad(Map<String, Path> jarsByModule) throws IOException {
        ModuleFinder finder = ModuleFinder.of(jarsByModule.values().toArray(Path[]::new));
        // fails on a duplicate module name, a package split between two of the jars, or a service provider that is
        // not in its jar
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), jarsByModule.keySet());
        ModuleLayer layer = ModuleLayer.boot()
                .defineModulesWithOneLoader(configuration, ModuleNamesIT.class.getClassLoader());

        List<String> misplaced = new ArrayList<>();
        for (Map.Entry<String, Path> entry : jarsByModule.entrySet()) {
            Module module = layer.findModule(entry.getKey()).orElseThrow();
            for (String className : classNames(entry.getValue())) {
                try {
                    Class<?> type = Class.forName(className, false, layer.findLoader(entry.getKey()));
                    if (type.getModule() != module) {
                        misplaced.add(className + " loaded into " + type.getModule());
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // an optional dependency (e.g. Testcontainers) missing from this class path;
                    // whether the class belongs to the module is checked for all others
                }
            }
        }
        assertEquals(List.of(), misplaced, "classes that did not load into their jar's module");
    }

    private static void assertModuleName(String expected) throws IOException {
        assertModuleName(JARS_BY_MODULE.get(expected), expected);
    }

    private static void assertModuleName(Path jar, String expected) throws IOException {
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertEquals(1, found.size(), () -> jar + " should hold exactly one module: " + found);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertEquals(expected, descriptor.name(), () -> "module name of " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            // declared, not derived from the file name (which would give a different name)
            assertEquals(expected, file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                    () -> "Automatic-Module-Name in the manifest of " + jar);
        }
    }

    private static List<String> classNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                            && !name.endsWith("module-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
