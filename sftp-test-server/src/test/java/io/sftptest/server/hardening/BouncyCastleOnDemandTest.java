package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bouncy Castle stays off a default server's path and still serves what needs it. {@link BouncyCastleProbe} runs in a
 * new JVM with {@code -verbose:class}: until its default server has started and completed key exchanges for both of
 * its host keys, no {@code org.bouncycastle} class is loaded (MINA would otherwise register Bouncy Castle on the
 * first start, most of a second in a new JVM); the encrypted PKCS#8 key file loaded afterwards, which MINA reads with
 * Bouncy Castle, is served with the fingerprint {@code ssh-keygen} gave it.
 */
class BouncyCastleOnDemandTest {
    /** From hostkeys/README.md: {@code openssl-pkcs8-ed25519-pass.pem}, password {@code hostkey-secret}. */
    private static final String ENCRYPTED_KEY_FINGERPRINT = "SHA256:Sk+FhjSAj9tpipjkKAL0pkT9FciDzRyMYZa5mzL3d/I";

    @TempDir
    Path temp;

    @Test
    void loadsNoBouncyCastleClassForADefaultServerAndLoadsItForAKeyFileThatNeedsIt() throws Exception {
        assumeTrue(Path.of("/usr/bin/ssh-keyscan").toFile().canExecute(), "OpenSSH's ssh-keyscan is installed");
        Path keyFile = Path.of(getClass().getResource("/hostkeys/openssl-pkcs8-ed25519-pass.pem").toURI());

        String output = runProbe(keyFile.toString(), "hostkey-secret");

        String defaultPart = output.substring(0, output.indexOf("DEFAULT DONE"));
        String keyFilePart = output.substring(output.indexOf("DEFAULT DONE"));
        assertThat(defaultPart).contains("IDENTIFICATION SSH-2.0-").contains(" ssh-ed25519 ")
                .contains(" ecdsa-sha2-nistp256 ");
        assertThat(defaultPart.lines().filter(line -> line.contains("org.bouncycastle")))
                .as("Bouncy Castle classes loaded by a default server").isEmpty();
        assertThat(keyFilePart).contains("LOADED " + ENCRYPTED_KEY_FINGERPRINT).contains(" ssh-ed25519 ")
                .contains("org.bouncycastle");
    }

    private String runProbe(String... args) throws Exception {
        Path log = temp.resolve("probe.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class",
                "-cp", System.getProperty("java.class.path"), BouncyCastleProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the probe JVM ends; its output ends:%n%s", tail(output)).isTrue();
        assertThat(process.exitValue()).as("exit code; output ends:%n%s", tail(output)).isZero();
        return output;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }
}
