package io.sftptest.server.hardening;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpTestServer;

/**
 * What a login that timed out left behind, found out right after it: does the server still send its
 * identification to a new socket, does a new client log in, which connections does the server hold, what
 * did it record last, and where do the SSH threads stand. Printed between {@code LOGIN-HANG-BEGIN} and
 * {@code LOGIN-HANG-END}, which {@code .ci/run} shows at the end of a CI run.
 *
 * @param summary one line: the findings
 * @param serverServes whether the server answered both a new socket and a new client
 */
record LoginHang(String summary, boolean serverServes) {

    static LoginHang diagnose(SftpTestServer server, String when) {
        String banner = banner(server);
        String freshClient = freshClientLogin(server);
        List<String> connections = server.connections().stream()
                .map(c -> "#" + c.id() + (c.authenticated() ? " " + c.user() : " (not authenticated)"))
                .collect(Collectors.toList());
        List<RecordedRequest> records = server.recording().requests();
        String lastRecords = records.subList(Math.max(0, records.size() - 6), records.size()).stream()
                .map(RecordedRequest::summary).collect(Collectors.joining(" | "));
        boolean serves = banner.startsWith("SSH-") && "logged in".equals(freshClient);
        String summary = "login hung " + when + "; a new socket got: " + banner + "; a new client: " + freshClient
                + "; the server holds connections " + connections + "; last records: " + lastRecords;
        System.out.println("LOGIN-HANG-BEGIN\n" + summary + "\n" + sshThreads() + "LOGIN-HANG-END");
        return new LoginHang(summary, serves);
    }

    private static String banner(SftpTestServer server) {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] line = new byte[64];
            int n = in.read(line);
            return n <= 0 ? "nothing (closed)" : new String(line, 0, n, StandardCharsets.US_ASCII).lines().findFirst()
                    .orElse("");
        } catch (java.io.IOException e) {
            return "no identification (" + e + ")";
        }
    }

    private static String freshClientLogin(SftpTestServer server) {
        SshClient client = RawSftp.startClient();
        try (ClientSession session = RawSftp.login(client, server, Health.USER, Health.PASSWORD);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            sftp.stat(Health.SEED_PATH);
            return "logged in";
        } catch (Exception e) {
            return "failed too (" + e.getMessage() + ")";
        } finally {
            client.stop();
        }
    }

    /** The stacks of the SSH threads (client and server) that are not idle in their pools. */
    private static String sshThreads() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            String name = info.getThreadName();
            StackTraceElement[] stack = info.getStackTrace();
            boolean ssh = name.contains("sshd") || name.contains("sftp") || name.contains("nio2")
                    || name.startsWith("Thread-") || name.equals("main");
            boolean idle = java.util.Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("getTask"))
                    || stack.length > 0 && stack[0].getClassName().contains("EPoll");
            if (!ssh || idle) {
                continue;
            }
            dump.append('"').append(name).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" held by ").append(info.getLockOwnerName());
            }
            dump.append('\n');
            for (int i = 0; i < Math.min(stack.length, 14); i++) {
                dump.append("    at ").append(stack[i]).append('\n');
            }
        }
        return dump.toString();
    }
}
