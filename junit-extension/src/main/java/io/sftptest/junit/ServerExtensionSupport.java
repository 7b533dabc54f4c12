package io.sftptest.junit;

import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.AssertionFailedError;

import io.sftptest.server.SftpTestServer;

/**
 * What {@link SftpServerExtension} and {@link SftpServerTest} do, shared by both. Every extension instance
 * handles only the servers it owns (its field's server, or the annotations' servers), so several instances in
 * one test class never start, reset or resolve the same server twice. All state is in the
 * {@code ExtensionContext.Store}: servers in the store of the class (per-class) or test (per-method) that holds
 * them, the per-test bookkeeping in the test's store.
 */
final class ServerExtensionSupport {
    static final Namespace NAMESPACE = Namespace.create(SftpServerExtension.class);

    private ServerExtensionSupport() {
    }

    /** Starts the per-class servers a class declares, so their ports are known in {@code @BeforeAll}. */
    static void beforeAll(Object self, ExtensionContext context) {
        for (ServerDeclaration declaration : VisibleServers.of(context).all()) {
            if (declaration.isOwnedBy(self)) {
                declaration.validate();
                if (!declaration.perMethod() && declaration.declaredIn() == context) {
                    handle(declaration, context);
                }
            }
        }
    }

    /**
     * Gets each visible server ready for a test: per-class ones are reset and claimed, per-method ones started;
     * the test's requests are recorded for the failure output. Runs once per server and test, from the first of
     * the pre-construct and before-each callbacks (so files a constructor puts survive).
     */
    static void prepareTest(Object self, ExtensionContext context) {
        VisibleServers visible = VisibleServers.of(context);
        ExtensionContext test = visible.testContext();
        if (test == null) {
            return;
        }
        TestBookkeeping bookkeeping = bookkeeping(test);
        for (ServerDeclaration declaration : visible.all()) {
            if (!declaration.isOwnedBy(self) || !bookkeeping.firstTimeFor(ServerKey.of(declaration, test))) {
                continue;
            }
            ServerHandle handle = handle(declaration, test);
            if (!declaration.perMethod()) {
                bookkeeping.onClose(handle.claimForTest(test.getDisplayName()));
                handle.server().reset();
            }
            if (declaration.requestsShownOnFailure() > 0) {
                bookkeeping.add(new RecentRequests(declaration, handle.server()));
            }
        }
    }

    /** Fails the test when a server that asked for it has fault rules that nothing triggered. */
    static void afterEach(Object self, ExtensionContext context) {
        VisibleServers visible = VisibleServers.of(context);
        if (visible.testContext() == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ServerDeclaration declaration : visible.all()) {
            if (declaration.isOwnedBy(self) && declaration.failOnUnusedFaults()) {
                List<String> unused = declaration.faultCheck().unusedFaults(handle(declaration,
                        visible.testContext()).server());
                if (!unused.isEmpty()) {
                    problems.add("SFTP server " + declaration + " has " + unused.size() + " fault rule"
                            + (unused.size() == 1 ? "" : "s") + " that no request triggered: " + unused);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError(String.join(System.lineSeparator(), problems)
                    + System.lineSeparator() + "remove the rules the test does not need, or fix the client so that "
                    + "it sends the requests they match (failOnUnusedFaults is on)");
        }
    }

    /** Adds the requests the test's servers received to a failure, then rethrows it. */
    static void attachRequests(Object self, ExtensionContext context, Throwable failure) throws Throwable {
        ExtensionContext test = VisibleServers.of(context).testContext();
        if (test != null) {
            TestBookkeeping bookkeeping = test.getStore(NAMESPACE).get(bookkeepingKey(test), TestBookkeeping.class);
            if (bookkeeping != null) {
                for (RecentRequests requests : bookkeeping.recentRequests()) {
                    if (requests.declaration().isOwnedBy(self)) {
                        requests.attachTo(failure);
                    }
                }
            }
        }
        throw failure;
    }

    static boolean supportsParameter(Object self, ParameterContext parameter, ExtensionContext context) {
        Target target = Target.of(parameter);
        if (target == null) {
            return false;
        }
        VisibleServers visible = VisibleServers.of(context);
        if (visible.isEmpty()) {
            return false;
        }
        ServerDeclaration declaration = target.select(visible);
        // When no server matches, the owner of the first one claims the parameter to explain why.
        return (declaration != null ? declaration : visible.all().get(0)).isOwnedBy(self);
    }

    static Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Target target = Target.of(parameter);
        VisibleServers visible = VisibleServers.of(context);
        ServerDeclaration declaration = target.select(visible);
        if (declaration == null) {
            throw new ParameterResolutionException(target.name.isEmpty()
                    ? "cannot inject " + describe(parameter) + ": this test sees several SFTP servers, "
                            + visible.describe() + "; say which with @SftpServer(\"name\") (or @SftpPort(\"name\"), "
                            + "@SftpUri(\"name\"))"
                    : "cannot inject " + describe(parameter) + ": there is no SFTP server named \"" + target.name
                            + "\" here; the servers are " + visible.describe());
        }
        if (declaration.perMethod() && visible.testContext() == null) {
            throw new ParameterResolutionException("cannot inject " + describe(parameter) + ": SFTP server "
                    + declaration + " is per-method, so it exists only for a test; inject it into the test method, "
                    + "@BeforeEach or the constructor, or make it per-class");
        }
        SftpTestServer server = handle(declaration, declaration.perMethod() ? visible.testContext()
                : declaration.declaredIn()).server();
        return target.valueFrom(server);
    }

    private static String describe(ParameterContext parameter) {
        Parameter p = parameter.getParameter();
        return "parameter " + parameter.getIndex() + " (" + p.getType().getSimpleName() + ") of "
                + parameter.getDeclaringExecutable();
    }

    /** The server of a declaration, started in the store of the context that holds it if not yet running. */
    @SuppressWarnings("deprecation") // computeIfAbsent only exists from JUnit 6; this one works in 5.14 and 6
    static ServerHandle handle(ServerDeclaration declaration, ExtensionContext context) {
        ExtensionContext home = declaration.perMethod() ? context : declaration.declaredIn();
        return home.getStore(NAMESPACE).getOrComputeIfAbsent(ServerKey.of(declaration, context),
                key -> ServerHandle.start(declaration), ServerHandle.class);
    }

    @SuppressWarnings("deprecation")
    private static TestBookkeeping bookkeeping(ExtensionContext test) {
        Store store = test.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(bookkeepingKey(test), k -> new TestBookkeeping(), TestBookkeeping.class);
    }

    private static String bookkeepingKey(ExtensionContext test) {
        return "test:" + test.getUniqueId();
    }

    /** Identifies a server by the context that holds it, so an inner context never finds an outer one. */
    private record ServerKey(String contextId, String name) {
        static ServerKey of(ServerDeclaration declaration, ExtensionContext test) {
            ExtensionContext home = declaration.perMethod() ? test : declaration.declaredIn();
            return new ServerKey(home.getUniqueId(), declaration.name());
        }
    }

    /** What a parameter asks for. */
    private static final class Target {
        private enum Kind { SERVER, PORT, URI, URI_STRING }

        private final Kind kind;
        private final String name;
        private final String user;

        private Target(Kind kind, String name, String user) {
            this.kind = kind;
            this.name = name;
            this.user = user;
        }

        static Target of(ParameterContext parameter) {
            Class<?> type = parameter.getParameter().getType();
            if (type == SftpTestServer.class) {
                String name = parameter.findAnnotation(SftpServer.class).map(SftpServer::value).orElse("");
                return new Target(Kind.SERVER, name, "");
            }
            if ((type == int.class || type == Integer.class) && parameter.isAnnotated(SftpPort.class)) {
                return new Target(Kind.PORT, parameter.findAnnotation(SftpPort.class).get().value(), "");
            }
            if ((type == URI.class || type == String.class) && parameter.isAnnotated(SftpUri.class)) {
                SftpUri uri = parameter.findAnnotation(SftpUri.class).get();
                return new Target(type == URI.class ? Kind.URI : Kind.URI_STRING, uri.value(), uri.user());
            }
            if (parameter.isAnnotated(SftpPort.class) || parameter.isAnnotated(SftpUri.class)
                    || parameter.isAnnotated(SftpServer.class)) {
                throw new ParameterResolutionException("cannot inject " + parameter.getParameter() + " of "
                        + parameter.getDeclaringExecutable() + ": @SftpServer goes on SftpTestServer, @SftpPort on "
                        + "int or Integer, @SftpUri on URI or String");
            }
            return null;
        }

        ServerDeclaration select(VisibleServers visible) {
            return name.isEmpty() ? visible.innermost() : visible.named(name);
        }

        Object valueFrom(SftpTestServer server) {
            switch (kind) {
                case PORT:
                    return server.port();
                case URI:
                    return user.isEmpty() ? server.uri() : server.uri(user);
                case URI_STRING:
                    return (user.isEmpty() ? server.uri() : server.uri(user)).toString();
                default:
                    return server;
            }
        }
    }

    /** Per-test state: which servers were prepared, the requests recorded, what to release after the test. */
    private static final class TestBookkeeping implements AutoCloseable {
        private final Set<ServerKey> prepared = new HashSet<>();
        private final List<RecentRequests> recentRequests = new ArrayList<>();
        private final List<AutoCloseable> toClose = new ArrayList<>();

        synchronized boolean firstTimeFor(ServerKey server) {
            return prepared.add(server);
        }

        synchronized void add(RecentRequests requests) {
            recentRequests.add(requests);
            toClose.add(requests);
        }

        synchronized List<RecentRequests> recentRequests() {
            return new ArrayList<>(recentRequests);
        }

        synchronized void onClose(AutoCloseable resource) {
            toClose.add(resource);
        }

        @Override
        public synchronized void close() throws Exception {
            Exception failure = null;
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            toClose.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
