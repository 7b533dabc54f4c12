package io.sftptest.bench;

import java.nio.file.Path;
import java.util.List;

/** An Ed25519 key pair made with ssh-keygen, for OpenSSH's sftp client against both servers. */
record ClientKey(Path privateKey, Path publicKey) {

    static ClientKey generate(Path directory) {
        Path key = directory.resolve("id_ed25519");
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key.toString()),
                directory, 30);
        return new ClientKey(key, directory.resolve("id_ed25519.pub"));
    }
}
