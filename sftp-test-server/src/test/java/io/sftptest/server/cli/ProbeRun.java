package io.sftptest.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run of the runner's command line in this JVM, with its own environment, to its end. */
record ProbeRun(int exitCode, String out, String err) {
    /** The password variable the tests name in --password-env. */
    static final String PASSWORD_VARIABLE = "PROBE_TEST_PASSWORD";

    static ProbeRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SftpServerCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new ProbeRun(exit, out.toString(), err.toString());
    }

    /** {@code probe URL --password-env VAR} with the password in the environment, then more options. */
    static ProbeRun probe(String url, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("probe", url, "--password-env", PASSWORD_VARIABLE));
        args.addAll(List.of(more));
        return run(Map.of(PASSWORD_VARIABLE, password), args.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
