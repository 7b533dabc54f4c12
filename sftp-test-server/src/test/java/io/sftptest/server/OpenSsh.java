package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the OpenSSH tools: {@code ssh-keygen} for key pairs, {@code sftp -b} for batch sessions, {@code ssh} commands. */
final class OpenSsh {
    /** The options that skip the host key check, for {@link #sftp(SftpTestServer, String, Path, List, String...)}. */
    static final List<String> NO_HOST_KEY_CHECK = List.of("-o", "StrictHostKeyChecking=no", "-o",
            "UserKnownHostsFile=/dev/null");

    private OpenSsh() {
    }

    /**
     * Generates an unencrypted Ed25519 key pair with {@code ssh-keygen}.
     *
     * @param dir where to write it
     * @param name the private key's file name; the public key is {@code name.pub}
     * @return the private key file
     */
    static Path generateKey(Path dir, String name) {
        Processes.assumeInstalled("ssh-keygen");
        Path key = dir.resolve(name);
        Processes.run(dir, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()))
                .assertSucceeded();
        return key;
    }

    /**
     * Runs {@code sftp -b} with public key authentication and no host key check.
     *
     * @param server the server
     * @param user the user
     * @param key the private key file
     * @param commands the batch commands, one per line
     * @return the result; the working directory is the key's directory
     */
    static Processes.Result sftp(SftpTestServer server, String user, Path key, String... commands) {
        return sftp(server, user, key, NO_HOST_KEY_CHECK, commands);
    }

    /**
     * Runs {@code sftp -b} with public key authentication and the given host key options.
     *
     * @param hostKeyOptions e.g. {@code -o StrictHostKeyChecking=yes -o UserKnownHostsFile=FILE}
     */
    static Processes.Result sftp(SftpTestServer server, String user, Path key, List<String> hostKeyOptions,
            String... commands) {
        Processes.assumeInstalled("sftp");
        Path dir = key.toAbsolutePath().getParent();
        Path batch = dir.resolve("batch-" + System.nanoTime() + ".txt");
        try {
            Files.write(batch, List.of(commands));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("sftp", "-b", batch.toString(), "-F", "/dev/null"));
        command.addAll(hostKeyOptions);
        command.addAll(List.of("-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-i", key.toString(), "-P", String.valueOf(server.port()), user + "@" + server.host()));
        return Processes.run(dir, command);
    }

    /**
     * Runs one command with {@code ssh}, public key authentication and no host key check.
     *
     * @param server the server
     * @param user the user
     * @param key the private key file
     * @param command the remote command line
     * @return the result (stdout and stderr); the working directory is the key's directory
     */
    static Processes.Result ssh(SftpTestServer server, String user, Path key, String command) {
        Processes.assumeInstalled("ssh");
        List<String> line = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-T"));
        line.addAll(NO_HOST_KEY_CHECK);
        line.addAll(List.of("-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                "-i", key.toString(), "-p", String.valueOf(server.port()), user + "@" + server.host(), command));
        return Processes.run(key.toAbsolutePath().getParent(), line);
    }
}
