package io.sftptest.junit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.SftpTestServer;

/** A real SFTP client (JSch) for the tests: one connection per call. */
final class Sftp {
    private Sftp() {
    }

    static void put(SftpTestServer server, String user, String password, String path, String content) {
        run(server.host(), server.port(), user, password, sftp -> sftp.put(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), path));
    }

    static String get(SftpTestServer server, String user, String password, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(server.host(), server.port(), user, password, sftp -> sftp.get(path, out));
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<String> list(String host, int port, String user, String password, String directory) {
        List<String> names = new ArrayList<>();
        run(host, port, user, password, sftp -> {
            Vector<ChannelSftp.LsEntry> entries = sftp.ls(directory);
            for (ChannelSftp.LsEntry entry : entries) {
                if (!entry.getFilename().startsWith(".")) {
                    names.add(entry.getFilename());
                }
            }
            names.sort(null);
        });
        return names;
    }

    interface Action {
        void run(ChannelSftp sftp) throws Exception;
    }

    @SuppressWarnings("deprecation") // JSch's setPassword(String); the byte[] variant is no clearer here
    static void run(String host, int port, String user, String password, Action action) {
        Session session = null;
        try {
            session = new JSch().getSession(user, host, port);
            session.setPassword(password);
            session.setConfig("StrictHostKeyChecking", "no");
            session.connect(10_000);
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            action.run(sftp);
            sftp.disconnect();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("SFTP client failed: " + e, e);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }

    /**
     * Runs a call that is expected to fail with an SFTP status.
     *
     * @return the SftpException behind the failure, or null when the call succeeded; other failures are thrown
     */
    static SftpException failure(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SftpException sftp) {
                    return sftp;
                }
            }
            throw e;
        }
    }
}
