package io.sftptest.server.hardening;

import java.io.OutputStream;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import io.sftptest.server.SftpTestServer;

/**
 * Run in a separate JVM by {@link SeparateJvmTest}: starts a server, logs in with a password (and
 * fails once with another), moves a file, prints what a test would print, closes everything and
 * returns from main, so the JVM must exit by itself.
 */
public final class ServerProbe {
    private ServerProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the password to use
     * @throws Exception when anything fails
     */
    public static void main(String[] args) throws Exception {
        String password = args[0];
        SftpTestServer server = SftpTestServer.builder().user("alice", password).file("/in/a.txt", "a").directory("/out").start();
        server.addRequestListener(request -> System.out.println(request.summary() + " | " + request));
        SshClient client = RawSftp.startClient();
        try {
            try (ClientSession wrong = client.connect("alice", server.host(), server.port())
                    .verify(RawSftp.REPLY_TIMEOUT).getSession()) {
                wrong.addPasswordIdentity(password + "-wrong");
                wrong.auth().await(RawSftp.REPLY_TIMEOUT);
            }
            try (ClientSession session = RawSftp.login(client, server, "alice", password);
                    SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("/out/b.txt")) {
                    out.write(password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                }
                sftp.readDir("/in").forEach(entry -> { });
                System.out.println(server + " " + server.connections());
            }
        } finally {
            server.close();
            client.stop();
        }
        System.out.println("PROBE DONE");
    }
}
