package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Testcontainers is an optional dependency: nothing outside io.sftptest.junit.testcontainers may need it. */
class NoTestcontainersDependencyTest {
    @Test
    void noClassOfTheExtensionReferencesTestcontainers() throws IOException {
        Path classes = Path.of("target/classes/io/sftptest/junit");
        List<Path> files;
        try (Stream<Path> walk = Files.list(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain("org/testcontainers");
        }
    }

    @Test
    void theExtensionLoadsAndRunsWithoutTestcontainersOnTheClasspath() throws Exception {
        URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("testcontainers") && !entry.contains("docker-java"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThat(isolated.getResource("org/testcontainers/lifecycle/Startable.class")).isNull();
            for (String name : List.of("SftpServerTest", "SftpServerExtension", "SftpServerTestExtension",
                    "VisibleServers", "ServerExtensionSupport", "ServerHandle", "RecentRequests", "ClassServerLocks")) {
                Class<?> type = Class.forName("io.sftptest.junit." + name, true, isolated);
                type.getDeclaredMethods();
                type.getDeclaredFields();
            }
            // Bouncy Castle is registered JVM-wide under one name by the other tests' class loader; its key
            // classes are foreign to MINA in this loader. Let this loader register its own copy meanwhile.
            java.security.Provider bouncyCastle = java.security.Security.getProvider("BC");
            java.security.Security.removeProvider("BC");
            try {
                assertThat(runTests(isolated, LifecycleTest.ServerPerMethod.class.getName()))
                        .isEqualTo("2 succeeded, failures: []");
            } finally {
                java.security.Security.removeProvider("BC");
                if (bouncyCastle != null) {
                    java.security.Security.addProvider(bouncyCastle);
                }
            }
        }
    }

    /** Runs a fixture class on the Jupiter engine loaded by {@code loader}, by reflection (a different loader). */
    private static String runTests(ClassLoader loader, String fixture) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object builder = Class.forName("org.junit.platform.testkit.engine.EngineTestKit", true, loader)
                    .getMethod("engine", String.class).invoke(null, "junit-jupiter");
            Class<?> selectorType = Class.forName("org.junit.platform.engine.DiscoverySelector", true, loader);
            Object selector = Class.forName("org.junit.platform.engine.discovery.DiscoverySelectors", true, loader)
                    .getMethod("selectClass", String.class).invoke(null, fixture);
            Object selectors = Array.newInstance(selectorType, 1);
            Array.set(selectors, 0, selector);
            builder = builder.getClass().getMethod("selectors", selectors.getClass()).invoke(builder, selectors);
            Object results = builder.getClass().getMethod("execute").invoke(builder);
            Object tests = results.getClass().getMethod("testEvents").invoke(results);
            Object succeeded = tests.getClass().getMethod("succeeded").invoke(tests);
            Object failed = tests.getClass().getMethod("failed").invoke(tests);
            return succeeded.getClass().getMethod("count").invoke(succeeded) + " succeeded, failures: "
                    + failed.getClass().getMethod("list").invoke(failed);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
