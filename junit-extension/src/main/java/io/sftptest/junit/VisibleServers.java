package io.sftptest.junit;

import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstances;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import io.sftptest.server.DiskSpace;
import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;

/**
 * The servers a test (or a class, in class-level callbacks) can see, found from the extension context chain:
 * {@link SftpServerTest} on each enclosing class and on the test method, and {@code @RegisterExtension}
 * {@link SftpServerExtension} fields (static ones, and instance ones of the test instances). A declaration
 * shadows an outer one with the same name, so a {@code @Nested} class that declares its own server replaces the
 * outer one for its tests, and sees the outer one otherwise.
 */
final class VisibleServers {
    private final Map<String, ServerDeclaration> byName;
    private final ExtensionContext testContext;

    private VisibleServers(Map<String, ServerDeclaration> byName, ExtensionContext testContext) {
        this.byName = byName;
        this.testContext = testContext;
    }

    /** The innermost context of a test (the invocation of a parameterized or repeated test), or null. */
    ExtensionContext testContext() {
        return testContext;
    }

    List<ServerDeclaration> all() {
        return new ArrayList<>(byName.values());
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    ServerDeclaration named(String name) {
        return byName.get(name);
    }

    /** The one server declared innermost, or null when none or several are. */
    ServerDeclaration innermost() {
        int level = byName.values().stream().mapToInt(ServerDeclaration::level).max().orElse(-1);
        List<ServerDeclaration> candidates = byName.values().stream().filter(d -> d.level() == level)
                .collect(Collectors.toList());
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    String describe() {
        return byName.values().stream().map(ServerDeclaration::toString).collect(Collectors.joining(", "));
    }

    static VisibleServers of(ExtensionContext context) {
        List<ExtensionContext> classes = new ArrayList<>();
        ExtensionContext test = null;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<?> element = c.getElement();
            if (element.isPresent() && element.get() instanceof Class<?>) {
                classes.add(0, c);
            } else if (test == null && element.isPresent() && element.get() instanceof Method) {
                test = c;
            }
        }
        Map<String, ServerDeclaration> byName = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            ExtensionContext classContext = classes.get(i);
            Class<?> testClass = (Class<?>) classContext.getElement().get();
            int level = 2 * i;
            List<ServerDeclaration> found = new ArrayList<>();
            Optional<SftpServerTest> annotation = AnnotationSupport.findAnnotation(testClass, SftpServerTest.class);
            if (annotation.isPresent()) {
                found.add(fromAnnotation(annotation.get(), "@SftpServerTest on " + testClass.getName(),
                        annotation.get().lifecycle() == ServerLifecycle.PER_METHOD, classContext, level));
            }
            for (Field field : registeredFields(testClass, true)) {
                SftpServerExtension extension = read(field, null);
                if (extension != null) {
                    found.add(fromField(extension, field, false, classContext, level));
                }
            }
            TestInstance.Lifecycle lifecycle = classContext.getTestInstanceLifecycle()
                    .orElse(TestInstance.Lifecycle.PER_METHOD);
            Object instance = null;
            boolean instanceIsPerTest = false;
            if (lifecycle == TestInstance.Lifecycle.PER_CLASS) {
                instance = classContext.getTestInstance().orElse(null);
            } else if (test != null) {
                instance = test.getTestInstances().flatMap(all -> findInstance(all, testClass)).orElse(null);
                instanceIsPerTest = true;
            }
            if (instance != null) {
                for (Field field : registeredFields(testClass, false)) {
                    SftpServerExtension extension = read(field, instance);
                    if (extension != null) {
                        found.add(fromField(extension, field, instanceIsPerTest, classContext, level));
                    }
                }
            }
            add(byName, found);
        }
        if (test != null) {
            Method method = (Method) test.getElement().get();
            Optional<SftpServerTest> annotation = AnnotationSupport.findAnnotation(method, SftpServerTest.class);
            if (annotation.isPresent()) {
                add(byName, List.of(fromAnnotation(annotation.get(), "@SftpServerTest on "
                        + method.getDeclaringClass().getName() + "." + method.getName() + "()", true, test,
                        2 * classes.size() + 1)));
            }
        }
        return new VisibleServers(byName, test);
    }

    private static void add(Map<String, ServerDeclaration> byName, List<ServerDeclaration> sameLevel) {
        Map<String, ServerDeclaration> seen = new LinkedHashMap<>();
        for (ServerDeclaration declaration : sameLevel) {
            ServerDeclaration other = seen.putIfAbsent(declaration.name(), declaration);
            if (other != null && other.owner() != declaration.owner()) {
                throw new ExtensionConfigurationException("two SFTP servers are named \"" + declaration.name()
                        + "\": " + other.origin() + " and " + declaration.origin() + "; give one of them another "
                        + "name with SftpServerExtension.builder().name(\"...\")");
            }
        }
        byName.putAll(seen);
    }

    private static Optional<Object> findInstance(TestInstances instances, Class<?> type) {
        return instances.getAllInstances().stream().filter(i -> i.getClass() == type).findFirst()
                .map(Object.class::cast).or(() -> instances.findInstance(type).map(Object.class::cast));
    }

    private static List<Field> registeredFields(Class<?> type, boolean statics) {
        return ReflectionSupport.findFields(type, field -> Modifier.isStatic(field.getModifiers()) == statics
                && field.isAnnotationPresent(RegisterExtension.class), HierarchyTraversalMode.TOP_DOWN);
    }

    private static SftpServerExtension read(Field field, Object instance) {
        Object value = ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
        return value instanceof SftpServerExtension extension ? extension : null;
    }

    private static ServerDeclaration fromField(SftpServerExtension extension, Field field, boolean instanceIsPerTest,
            ExtensionContext declaredIn, int level) {
        String name = extension.configuredName() != null ? extension.configuredName() : field.getName();
        boolean perMethod = extension.configuredLifecycle() != null
                ? extension.configuredLifecycle() == ServerLifecycle.PER_METHOD
                : instanceIsPerTest;
        return new ServerDeclaration(name, extension, extension.serverSettings(), perMethod,
                extension.requestsShownOnFailure(), extension.failOnUnusedFaults(), extension.faultCheck(),
                "field " + field.getDeclaringClass().getName() + "." + field.getName(), declaredIn, level);
    }

    private static ServerDeclaration fromAnnotation(SftpServerTest annotation, String origin, boolean perMethod,
            ExtensionContext declaredIn, int level) {
        if (annotation.requestsShownOnFailure() < 0) {
            throw new ExtensionConfigurationException(origin + ": requestsShownOnFailure must not be negative, was "
                    + annotation.requestsShownOnFailure());
        }
        Supplier<SftpTestServer.Builder> settings = () -> settingsOf(annotation, origin);
        settings.get();
        return new ServerDeclaration(SftpServerExtension.DEFAULT_NAME, ServerDeclaration.ANNOTATION, settings,
                perMethod, annotation.requestsShownOnFailure(), annotation.failOnUnusedFaults(),
                UnusedFaultCheck.current(), origin, declaredIn, level);
    }

    /**
     * Adds the users of an annotation's {@code users} element, each {@code "name:password"}.
     *
     * @throws IllegalArgumentException for an entry without a name and a colon
     */
    static void addUsers(SftpTestServer.Builder builder, String[] users) {
        for (String user : users) {
            int colon = user.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("users entry \"" + user + "\" must be \"name:password\", "
                        + "e.g. \"alice:secret\"");
            }
            builder.user(user.substring(0, colon), user.substring(colon + 1));
        }
    }

    private static SftpTestServer.Builder settingsOf(SftpServerTest annotation, String origin) {
        SftpTestServer.Builder builder = SftpTestServer.builder();
        try {
            addUsers(builder, annotation.users());
            for (String personality : annotation.personalities()) {
                builder.personality(Personality.parse(personality));
            }
            for (String file : annotation.personalityFiles()) {
                builder.personality(personalityFile(file));
            }
            if (annotation.protocolVersion() != 0) {
                builder.protocolVersion(annotation.protocolVersion());
            }
            for (String directory : annotation.directories()) {
                builder.directory(directory);
            }
            if (!annotation.rootDirectory().isEmpty()) {
                builder.rootDirectory(Path.of(annotation.rootDirectory()));
            }
            fileState(annotation, builder);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ExtensionConfigurationException(origin + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /** A class-path resource of that name, else a file relative to the working directory. */
    private static Personality personalityFile(String name) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (!resource.isBlank() && loader != null && loader.getResource(resource) != null) {
            return Personality.fromResource(resource);
        }
        Path file = Path.of(name);
        if (!name.isBlank() && Files.isRegularFile(file)) {
            return Personality.load(file);
        }
        throw new IllegalArgumentException("personalityFiles entry \"" + name + "\" is neither a class path resource "
                + "nor a file (looked in " + file.toAbsolutePath() + "): put the file under src/test/resources and "
                + "name it relative to that directory, e.g. \"partner.personality.json\"");
    }

    private static void fileState(SftpServerTest annotation, SftpTestServer.Builder builder) {
        if (!annotation.diskCapacity().isEmpty()) {
            builder.diskCapacity(DiskSpace.parseSize(annotation.diskCapacity()));
        }
        for (String quota : annotation.quotas()) {
            int equals = quota.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("quotas entry \"" + quota + "\" must be \"name=size\", e.g. "
                        + "\"alice=1MiB\"");
            }
            builder.quota(quota.substring(0, equals), DiskSpace.parseSize(quota.substring(equals + 1)));
        }
        builder.lockOpenFiles(annotation.lockOpenFiles());
        if (!annotation.clock().isEmpty()) {
            try {
                builder.clock(Clock.fixed(Instant.parse(annotation.clock()), ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("clock \"" + annotation.clock() + "\" is no instant: use e.g. "
                        + "\"2026-01-01T00:00:00Z\"", e);
            }
        }
    }
}
