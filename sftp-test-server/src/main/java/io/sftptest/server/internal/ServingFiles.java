package io.sftptest.server.internal;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Resolves the paths of the SFTP request that the current thread serves, as the serving session resolves
 * them (against the user's home directory, inside the user's root), for
 * {@link io.sftptest.server.event.FileSystemEvent#file()}. Set by the SFTP subsystem around each request.
 */
public final class ServingFiles {
    private static final ThreadLocal<Function<String, Path>> RESOLVER = new ThreadLocal<>();

    private ServingFiles() {
    }

    /**
     * Resolves a path of the request being served on this thread.
     *
     * @param path the path as the client sent it
     * @return the server-side path, or null when no request is served on this thread, the server is virtual,
     *         or the path is null, malformed or outside what the user may see
     */
    public static Path resolve(String path) {
        Function<String, Path> resolver = RESOLVER.get();
        return resolver == null || path == null ? null : resolver.apply(path);
    }

    static void serve(Function<String, Path> resolver) {
        RESOLVER.set(resolver);
    }

    static void done() {
        RESOLVER.remove();
    }
}
