package io.sftptest.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/** Real SFTP clients connected to a test server: JSch (the tests' one JSch helper) and MINA's SftpClient. */
public final class TestClients {
    private static final int TIMEOUT_MILLIS = 10_000;

    private TestClients() {
    }

    /** A JSch SFTP channel and its session, closed together. */
    public record Jsch(Session session, ChannelSftp sftp) implements AutoCloseable {
        /** Downloads a file as UTF-8 text. */
        public String get(String path) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get(path, out);
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Uploads UTF-8 text. */
        public void put(String path, String content) throws Exception {
            sftp.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), path);
        }

        /** Uploads bytes to a file. */
        public void upload(String path, byte[] content) throws SftpException {
            sftp.put(new ByteArrayInputStream(content), path);
        }

        /** Downloads a file's bytes. */
        public byte[] download(String path) throws SftpException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get(path, out);
            return out.toByteArray();
        }

        @Override
        public void close() {
            sftp.disconnect();
            session.disconnect();
        }
    }

    /** Connects JSch with a password and opens an SFTP channel. */
    public static Jsch jsch(SftpTestServer server, String user, String password) throws JSchException {
        return jsch(server.host(), server.port(), user, password);
    }

    /** Connects JSch with a password to any SSH server (a runner's port) and opens an SFTP channel. */
    public static Jsch jsch(String host, int port, String user, String password) throws JSchException {
        Session session = jschSession(host, port, user, password);
        session.connect(TIMEOUT_MILLIS);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(TIMEOUT_MILLIS);
        return new Jsch(session, sftp);
    }

    /** Returns an unconnected JSch session with a password, without a host key check. */
    public static Session jschSession(SftpTestServer server, String user, String password) throws JSchException {
        return jschSession(server.host(), server.port(), user, password);
    }

    /** Returns an unconnected JSch session with a password to any SSH server, without a host key check. */
    public static Session jschSession(String host, int port, String user, String password) throws JSchException {
        Session session = new JSch().getSession(user, host, port);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        return session;
    }

    /** Opens an authenticated JSch session (no channel); the caller disconnects it. */
    public static Session jschConnect(SftpTestServer server, String user, String password) throws JSchException {
        Session session = jschSession(server, user, password);
        session.connect(TIMEOUT_MILLIS);
        return session;
    }

    /** Returns whether a JSch password login succeeds. */
    public static boolean jschLoginSucceeds(SftpTestServer server, String user, String password) {
        try {
            jschConnect(server, user, password).disconnect();
            return true;
        } catch (JSchException e) {
            return false;
        }
    }

    /** A MINA SFTP client, its session and its SSH client, closed together. */
    public record Mina(SshClient client, ClientSession session, SftpClient sftp) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                sftp.close();
                session.close();
            } finally {
                client.stop();
            }
        }
    }

    /** Connects MINA's client with a password (when not null) and/or a key pair (when not null). */
    public static Mina mina(SftpTestServer server, String user, String password, KeyPair key) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.start();
        try {
            ClientSession session = client.connect(user, server.host(), server.port())
                    .verify(Duration.ofMillis(TIMEOUT_MILLIS)).getSession();
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(Duration.ofMillis(TIMEOUT_MILLIS));
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new Mina(client, session, sftp);
        } catch (Exception | Error e) {
            client.stop();
            throw e;
        }
    }
}
