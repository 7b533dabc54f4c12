package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.Test;

import io.sftptest.server.HostKey;

/** The one-line explanation of a failed negotiation, category by category, with its fix. */
class KeyExchangeFailureTest {
    private static final String KEX = "curve25519-sha256,ecdh-sha2-nistp256";
    private static final String HOST_KEYS = "ssh-ed25519,ecdsa-sha2-nistp256";
    private static final String CIPHERS = "aes128-gcm@openssh.com,aes128-ctr";
    private static final String MACS = "hmac-sha2-256-etm@openssh.com,hmac-sha2-256";
    private static final List<HostKey> DEFAULT_KEYS = List.of(HostKey.generateEd25519(), HostKey.generateEcdsaP256());
    private static final List<String> SIGNATURES = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512",
            "rsa-sha2-256");

    private static Map<KexProposalOption, String> proposal(String kex, String hostKeys, String ciphers, String macs,
            String compression) {
        Map<KexProposalOption, String> proposal = new EnumMap<>(KexProposalOption.class);
        proposal.put(KexProposalOption.ALGORITHMS, kex);
        proposal.put(KexProposalOption.SERVERKEYS, hostKeys);
        proposal.put(KexProposalOption.C2SENC, ciphers);
        proposal.put(KexProposalOption.S2CENC, ciphers);
        proposal.put(KexProposalOption.C2SMAC, macs);
        proposal.put(KexProposalOption.S2CMAC, macs);
        proposal.put(KexProposalOption.C2SCOMP, compression);
        proposal.put(KexProposalOption.S2CCOMP, compression);
        proposal.put(KexProposalOption.C2SLANG, "");
        proposal.put(KexProposalOption.S2CLANG, "");
        return proposal;
    }

    private static Map<KexProposalOption, String> server() {
        return proposal(KEX + ",ext-info-s,kex-strict-s-v00@openssh.com", HOST_KEYS, CIPHERS, MACS,
                "none,zlib@openssh.com");
    }

    @Test
    void namesTheSha1KeyExchangeOfAnOldClientAndTheLegacySwitch() {
        String line = KeyExchangeFailure.explain("SSH-2.0-Old", proposal(
                "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1,ext-info-c", HOST_KEYS, CIPHERS, MACS, "none"),
                server(), DEFAULT_KEYS, SIGNATURES, null);

        assertThat(line).isEqualTo("key exchange with SSH-2.0-Old failed: no common key exchange (client offers"
                + " diffie-hellman-group14-sha1,diffie-hellman-group1-sha1; server offers " + KEX + ");"
                + " fix: builder.legacyAlgorithms(true) (runner: --legacy-algorithms)");
    }

    @Test
    void asksForTheKeyTheClientKnowsWhenTheBuilderPinnedAnother() {
        String line = KeyExchangeFailure.explain("SSH-2.0-JSCH-0.1.54", proposal(KEX,
                "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-rsa,ssh-dss", CIPHERS, MACS, "none"),
                proposal(KEX, "ssh-ed25519", CIPHERS, MACS, "none"), List.of(HostKey.generateEd25519()), SIGNATURES,
                null);

        assertThat(line).endsWith("; fix: builder.hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256())");
    }

    @Test
    void prefersAKeyTheClientAlsoTakesOverALegacySignature() {
        String line = KeyExchangeFailure.explain("SSH-2.0-JSCH-0.1.54", proposal(KEX,
                "ssh-rsa,ssh-dss,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521", CIPHERS, MACS, "none"),
                proposal(KEX, "ssh-ed25519", CIPHERS, MACS, "none"), List.of(HostKey.generateEd25519()), SIGNATURES,
                null);

        assertThat(line).endsWith("; fix: builder.hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256())");
    }

    @Test
    void namesAKeyItDidNotMakeByItsAlgorithm() {
        HostKey own = HostKey.generate("ssh-rsa");
        String line = KeyExchangeFailure.explain(null, proposal(KEX, "ssh-ed25519", CIPHERS, MACS, "none"),
                proposal(KEX, "rsa-sha2-512,rsa-sha2-256", CIPHERS, MACS, "none"), List.of(own), SIGNATURES, null);

        assertThat(line).isEqualTo("key exchange failed: no common host key algorithm (client offers ssh-ed25519;"
                + " server offers rsa-sha2-512,rsa-sha2-256); fix: builder.hostKeys(<your ssh-rsa key>,"
                + " HostKey.generateEd25519())");
    }

    @Test
    void sendsAClientWithOnlyWeakCiphersToItsOwnSettings() {
        String line = KeyExchangeFailure.explain("SSH-2.0-X", proposal(KEX, HOST_KEYS, "3des-cbc", "hmac-md5",
                "none"), server(), DEFAULT_KEYS, SIGNATURES, null);

        assertThat(line).isEqualTo("key exchange with SSH-2.0-X failed: no common cipher (client offers 3des-cbc;"
                + " server offers " + CIPHERS + "); no common MAC (client offers hmac-md5; server offers " + MACS
                + "); fix: add \"3des-cbc\" to .ciphers(...); add \"hmac-md5\" to .macs(...)");
    }

    @Test
    void needsNoMacWhenTheCipherAuthenticatesItself() {
        String line = KeyExchangeFailure.explain("SSH-2.0-X", proposal(KEX, "ssh-rsa", CIPHERS, "hmac-md5", "none"),
                server(), DEFAULT_KEYS, SIGNATURES, null);

        assertThat(line).doesNotContain("MAC").contains("no common host key algorithm")
                .endsWith("; fix: builder.legacyAlgorithms(true).hostKeys(HostKey.generateEd25519(),"
                        + " HostKey.generateEcdsaP256(), HostKey.generate(\"ssh-rsa\"))");
    }

    @Test
    void reportsDirectionsApartWhenTheClientOfferedThemApart() {
        Map<KexProposalOption, String> client = proposal(KEX, HOST_KEYS, CIPHERS, MACS, "zlib");
        client.put(KexProposalOption.S2CCOMP, "none");

        String line = KeyExchangeFailure.explain("SSH-2.0-X", client, proposal(KEX, HOST_KEYS, CIPHERS, MACS, "none"),
                DEFAULT_KEYS, SIGNATURES, null);

        assertThat(line).isEqualTo("key exchange with SSH-2.0-X failed: no common compression client to server"
                + " (client offers zlib; server offers none); fix: builder.compression(true)");
    }

    @Test
    void saysWhatMinaSaidWhenEveryCategoryHasAMatch() {
        String line = KeyExchangeFailure.explain("SSH-2.0-X", server(), server(), DEFAULT_KEYS, SIGNATURES,
                new IllegalStateException("Strict KEX negotiated but sequence number of first KEX_INIT received"
                        + " is not 1: 2"));

        assertThat(line).isEqualTo("key exchange with SSH-2.0-X failed: Strict KEX negotiated but sequence number of"
                + " first KEX_INIT received is not 1: 2");
    }

    @Test
    void hasNoFixForAClientWhoseHostKeysNoTestCanMake() {
        String line = KeyExchangeFailure.explain("SSH-2.0-X", proposal(KEX, "ssh-dss,ssh-ed25519-cert-v01@openssh.com",
                CIPHERS, MACS, "none"), server(), DEFAULT_KEYS, SIGNATURES, null);

        assertThat(line).endsWith("; fix: the client offers no host key algorithm this server can sign with:"
                + " configure the client to accept ssh-ed25519 or ecdsa-sha2-nistp256");
    }
}
