package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.sshd.common.util.buffer.Buffer;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;

/**
 * One harmless request per advertised extension, to see whether it works: on files inside the scratch directory, or,
 * for a read-only probe, only the extensions that read (statvfs, limits, expand-path, home-directory, space).
 */
final class ExtensionChecks {
    /** Extensions that carry information in the version packet and are no request. */
    static final Set<String> INFORMATIONAL = Set.of("newline", "versions", "vendor-id", "supported", "supported2",
            "acl-supported", "filename-charset");

    /** Extensions whose request only reads, tried by read-only probes too. */
    static final Set<String> READING = Set.of("statvfs@openssh.com", "limits@openssh.com",
            "expand-path@openssh.com", "home-directory", "space-available", "users-groups-by-id@openssh.com");

    /** A request that writes nothing, or writes only below the scratch directory, for each known extension. */
    private final Map<String, Request> requests;

    private final ProbeConnection connection;

    @FunctionalInterface
    private interface Request {
        Answer send() throws IOException;
    }

    ExtensionChecks(ProbeConnection connection, String directory, String file, String user) {
        this.connection = connection;
        String name = "statvfs@openssh.com";
        this.requests = Map.ofEntries(
                Map.entry(name, () -> extended(name, b -> b.putString(directory))),
                Map.entry("fstatvfs@openssh.com", () -> withHandle(file, ProbeConnection.READ,
                        handle -> extended("fstatvfs@openssh.com", b -> b.putBytes(handle)))),
                Map.entry(FileChecks.POSIX_RENAME, () -> {
                    // onto a new name and back: whether it works at all (onto an existing name is a check of its own)
                    String renamed = file + ".renamed";
                    Answer there = extended(FileChecks.POSIX_RENAME, b -> {
                        b.putString(file);
                        b.putString(renamed);
                    });
                    if (there.isOk()) {
                        FileChecks.require(connection.rename(renamed, file), "renaming " + renamed + " back");
                    }
                    return there;
                }),
                Map.entry("hardlink@openssh.com", () -> extended("hardlink@openssh.com", b -> {
                    b.putString(file);
                    b.putString(directory + "/hardlink.txt");
                })),
                Map.entry("fsync@openssh.com", () -> withHandle(file, ProbeConnection.READ,
                        handle -> extended("fsync@openssh.com", b -> b.putBytes(handle)))),
                Map.entry("lsetstat@openssh.com", () -> extended("lsetstat@openssh.com", b -> {
                    b.putString(file);
                    ProbeConnection.putTimes(b, FileChecks.SETSTAT_TIME);
                })),
                Map.entry("limits@openssh.com", () -> extended("limits@openssh.com", b -> {
                })),
                Map.entry("expand-path@openssh.com", () -> extended("expand-path@openssh.com",
                        b -> b.putString("."))),
                Map.entry("home-directory", () -> extended("home-directory", b -> b.putString(user))),
                Map.entry("users-groups-by-id@openssh.com", () -> extended("users-groups-by-id@openssh.com", b -> {
                    b.putBytes(new byte[0]);
                    b.putBytes(new byte[0]);
                })),
                Map.entry("space-available", () -> extended("space-available", b -> b.putString(directory))),
                Map.entry("copy-file", () -> extended("copy-file", b -> {
                    b.putString(file);
                    b.putString(directory + "/copy-file.txt");
                    b.putBoolean(false);
                })),
                Map.entry("copy-data", () -> withHandle(file, ProbeConnection.READ, from -> {
                    byte[] to = connection.open(directory + "/copy-data.txt",
                            ProbeConnection.WRITE | ProbeConnection.CREAT | ProbeConnection.TRUNC).handle();
                    try {
                        return extended("copy-data", b -> {
                            b.putBytes(from);
                            b.putLong(0);
                            b.putLong(0);
                            b.putBytes(to);
                            b.putLong(0);
                        });
                    } finally {
                        connection.close(to);
                    }
                })),
                Map.entry("md5-hash", () -> extended("md5-hash", b -> {
                    b.putString(file);
                    b.putLong(0);
                    b.putLong(0);
                    b.putBytes(new byte[0]);
                })),
                Map.entry("md5-hash-handle", () -> withHandle(file, ProbeConnection.READ,
                        handle -> extended("md5-hash-handle", b -> {
                            b.putBytes(handle);
                            b.putLong(0);
                            b.putLong(0);
                            b.putBytes(new byte[0]);
                        }))),
                Map.entry("check-file-name", () -> extended("check-file-name", b -> {
                    b.putString(file);
                    b.putString("md5");
                    b.putLong(0);
                    b.putLong(0);
                    b.putInt(0);
                })),
                Map.entry("check-file-handle", () -> withHandle(file, ProbeConnection.READ,
                        handle -> extended("check-file-handle", b -> {
                            b.putBytes(handle);
                            b.putString("md5");
                            b.putLong(0);
                            b.putLong(0);
                            b.putInt(0);
                        }))));
    }

    /**
     * Tries an extension.
     *
     * @param name the advertised name
     * @param readOnly whether only reading requests may be sent
     * @return the answer, or null when no request was tried (informational, unknown, or writing in a read-only probe)
     * @throws IOException when the channel fails
     */
    Answer check(String name, boolean readOnly) throws IOException {
        Request request = requests.get(name);
        if (request == null || (readOnly && !READING.contains(name))) {
            return null;
        }
        return request.send();
    }

    /**
     * Whether the probe knows a request for an extension.
     *
     * @param name the name
     * @return true when {@link #check(String, boolean)} tries it (outside read-only probes)
     */
    boolean knows(String name) {
        return requests.containsKey(name);
    }

    private Answer extended(String name, Consumer<Buffer> body)
            throws IOException {
        return connection.extended(name, body).answer();
    }

    @FunctionalInterface
    private interface HandleRequest {
        Answer send(byte[] handle) throws IOException;
    }

    private Answer withHandle(String file, int flags, HandleRequest request) throws IOException {
        byte[] handle = connection.open(file, flags).handle();
        try {
            return request.send(handle);
        } finally {
            connection.close(handle);
        }
    }
}
