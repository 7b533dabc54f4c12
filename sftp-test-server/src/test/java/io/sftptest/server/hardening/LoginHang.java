package io.sftptest.server.hardening;

import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.sshd.client.SshClient;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpTestServer;

/**
 * What a login that timed out left behind, found out right after it: does the server still send its
 * identification to a new socket, does a new client get served, which connections does the server hold,
 * what did it record last, and where do the SSH threads stand. Printed between {@code LOGIN-HANG-BEGIN} and
 * {@code LOGIN-HANG-END}, which {@code .ci/run} shows at the end of a CI run.
 */
final class LoginHang {
    private static final int FRAMES_SHOWN = 14;

    private LoginHang() {
    }

    /**
     * Finds out and prints what the hung login left behind.
     *
     * @param server the server the login went to
     * @param when where in the test it hung
     * @return one line: the findings
     */
    static String diagnose(SftpTestServer server, String when) {
        String banner = banner(server);
        String freshClient = freshClient(server);
        List<String> connections = server.connections().stream()
                .map(c -> "#" + c.id() + (c.authenticated() ? " " + c.user() : " (not authenticated)"))
                .collect(Collectors.toList());
        List<RecordedRequest> records = server.recording().requests();
        String lastRecords = records.subList(Math.max(0, records.size() - 6), records.size()).stream()
                .map(RecordedRequest::summary).collect(Collectors.joining(" | "));
        String summary = "login hung " + when + "; a new socket got: " + banner + "; a new client: " + freshClient
                + "; the server holds connections " + connections + "; last records: " + lastRecords;
        System.out.println("LOGIN-HANG-BEGIN\n" + summary + "\n"
                + RawSftp.threadDump(LoginHang::busySshThread, FRAMES_SHOWN) + "LOGIN-HANG-END");
        return summary;
    }

    private static String banner(SftpTestServer server) {
        try {
            String line = Health.identification(server, Duration.ofSeconds(5));
            return line.isEmpty() ? "nothing (closed)" : line;
        } catch (java.io.IOException e) {
            return "no identification (" + e + ")";
        }
    }

    private static String freshClient(SftpTestServer server) {
        SshClient client = RawSftp.startClient();
        try {
            Health.assertServes(client, server);
            return "served";
        } catch (Exception | AssertionError e) {
            return "failed too (" + e.getMessage() + ")";
        } finally {
            client.stop();
        }
    }

    /** The SSH threads (client and server) and the test's own, unless idle in their pools. */
    private static boolean busySshThread(ThreadInfo info) {
        String name = info.getThreadName();
        StackTraceElement[] stack = info.getStackTrace();
        boolean ssh = name.contains("sshd") || name.contains("sftp") || name.contains("nio2")
                || name.startsWith("Thread-") || name.equals("main");
        boolean idle = Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("getTask"))
                || stack.length > 0 && stack[0].getClassName().contains("EPoll");
        return ssh && !idle;
    }
}
