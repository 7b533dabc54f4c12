package io.sftptest.server.hardening;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sftptest.server.HostKey;
import io.sftptest.server.SftpTestServer;

/**
 * Run in a JVM of its own, with class loading logged, by {@link BouncyCastleOnDemandTest}: starts a default server,
 * reads its identification line and has OpenSSH's {@code ssh-keyscan} complete a key exchange for each of its two
 * host keys; prints {@code DEFAULT DONE}; then loads an encrypted PKCS#8 Ed25519 key file (a format MINA reads with
 * Bouncy Castle), serves it and prints its fingerprint and what {@code ssh-keyscan} saw.
 */
public final class BouncyCastleProbe {
    private BouncyCastleProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the encrypted key file and its password
     * @throws Exception when anything fails
     */
    public static void main(String[] args) throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            System.out.println("IDENTIFICATION " + identification(server.port()));
            System.out.println("KEYSCAN " + keyscan(server.port(), "ed25519,ecdsa"));
        }
        System.out.println("DEFAULT DONE");
        HostKey key = HostKey.fromFile(Path.of(args[0]), args[1]);
        System.out.println("LOADED " + key.fingerprint());
        try (SftpTestServer server = SftpTestServer.builder().hostKey(key).start()) {
            System.out.println("KEYSCAN " + keyscan(server.port(), "ed25519"));
        }
    }

    private static String identification(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }

    /** ssh-keyscan's lines, one per host key type asked for (each a key exchange signed by that key). */
    private static String keyscan(int port, String types) throws Exception {
        Process process = new ProcessBuilder(List.of("ssh-keyscan", "-T", "20", "-t", types, "-p",
                Integer.toString(port), "127.0.0.1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output.trim().replace('\n', '|');
    }
}
