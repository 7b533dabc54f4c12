package io.sftptest.server.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.sshd.common.kex.KexProposalOption;

import io.sftptest.server.HostKey;

/**
 * Explains a failed algorithm negotiation in one line: each category in which the client and the server have no
 * algorithm in common, what each side offered, and the builder call that makes the server accept the client, e.g.
 *
 * <pre>
 * key exchange with SSH-2.0-JSCH-0.1.54 failed: no common host key algorithm (client offers ssh-rsa,ssh-dss; server
 * offers ssh-ed25519,ecdsa-sha2-nistp256); fix: builder.legacyAlgorithms(true).hostKeys(HostKey.generateEd25519(),
 * HostKey.generateEcdsaP256(), HostKey.generate("ssh-rsa"))
 * </pre>
 *
 * <p>MINA stops at the first category without a match; this looks at all of them, so one fix covers the client.
 */
final class KeyExchangeFailure {
    /** Markers in the key exchange list that are no algorithms (RFC 8308 extension info, strict key exchange). */
    private static final Predicate<String> PSEUDO_ALGORITHM = name -> name.startsWith("ext-info-")
            || name.startsWith("kex-strict-");

    private final String client;
    private final Map<KexProposalOption, String> clientProposal;
    private final Map<KexProposalOption, String> serverProposal;
    private final List<HostKey> hostKeys;
    private final Collection<String> signatures;
    private final Set<String> fixes = new LinkedHashSet<>();
    private final List<String> mismatches = new ArrayList<>();

    private KeyExchangeFailure(String client, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, List<HostKey> hostKeys, Collection<String> signatures) {
        this.client = client;
        this.clientProposal = clientProposal;
        this.serverProposal = serverProposal;
        this.hostKeys = hostKeys;
        this.signatures = signatures;
    }

    /**
     * Explains why two proposals have no algorithm in common.
     *
     * @param client the client's identification, e.g. {@code SSH-2.0-JSCH-0.1.54}, or null
     * @param clientProposal what the client offered, by category
     * @param serverProposal what the server offered, by category
     * @param hostKeys the server's host keys
     * @param signatures the signature algorithms the server is configured with (also those without a host key)
     * @param cause what MINA reported, used when every category has a match (a protocol error, not a mismatch)
     * @return one line, starting with {@code "key exchange failed"}
     */
    public static String explain(String client, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, List<HostKey> hostKeys, Collection<String> signatures,
            Throwable cause) {
        KeyExchangeFailure failure = new KeyExchangeFailure(client, clientProposal, serverProposal, hostKeys,
                signatures);
        failure.check("key exchange", KexProposalOption.ALGORITHMS, KexProposalOption.ALGORITHMS);
        failure.check("host key algorithm", KexProposalOption.SERVERKEYS, KexProposalOption.SERVERKEYS);
        failure.check("cipher", KexProposalOption.C2SENC, KexProposalOption.S2CENC);
        failure.check("MAC", KexProposalOption.C2SMAC, KexProposalOption.S2CMAC);
        failure.check("compression", KexProposalOption.C2SCOMP, KexProposalOption.S2CCOMP);
        String start = "key exchange" + (client == null ? "" : " with " + client) + " failed: ";
        if (failure.mismatches.isEmpty()) {
            return start + (cause == null ? "no reason given" : cause.getMessage());
        }
        String line = start + String.join("; ", failure.mismatches);
        return failure.fixes.isEmpty() ? line : line + "; fix: " + failure.fixText();
    }

    /** Checks a category in both directions; reports it once when both directions were offered alike. */
    private void check(String category, KexProposalOption toServer, KexProposalOption toClient) {
        boolean symmetric = toServer == toClient || (clientProposal.get(toServer) != null
                && clientProposal.get(toServer).equals(clientProposal.get(toClient))
                && String.valueOf(serverProposal.get(toServer)).equals(String.valueOf(serverProposal.get(toClient))));
        checkDirection(symmetric ? category : category + " client to server", toServer);
        if (!symmetric) {
            checkDirection(category + " server to client", toClient);
        }
    }

    private void checkDirection(String category, KexProposalOption option) {
        List<String> offered = names(clientProposal.get(option));
        List<String> ours = names(serverProposal.get(option));
        if (offered.stream().anyMatch(ours::contains) || isMacOfAeadCipher(option)) {
            return;
        }
        mismatches.add("no common " + category + " (client offers " + String.join(",", offered)
                + "; server offers " + String.join(",", ours) + ")");
        switch (option) {
            case ALGORITHMS -> fixFrom(offered, Algorithms::isKeyExchange, Algorithms.LEGACY_KEY_EXCHANGES,
                    "keyExchanges");
            case SERVERKEYS -> fixHostKey(offered);
            case C2SENC, S2CENC -> fixFrom(offered, Algorithms::isCipher, Algorithms.LEGACY_CIPHERS, "ciphers");
            case C2SMAC, S2CMAC -> fixFrom(offered, Algorithms::isMac, Algorithms.LEGACY_MACS, "macs");
            case C2SCOMP, S2CCOMP -> {
                if (offered.stream().anyMatch(name -> name.startsWith("zlib"))) {
                    fixes.add(".compression(true)");
                }
            }
            default -> {
                // languages: MINA ignores a mismatch
            }
        }
    }

    /** An AEAD cipher (GCM, ChaCha20-Poly1305) authenticates by itself: no MAC is negotiated with it. */
    private boolean isMacOfAeadCipher(KexProposalOption option) {
        KexProposalOption cipher = option == KexProposalOption.C2SMAC ? KexProposalOption.C2SENC
                : option == KexProposalOption.S2CMAC ? KexProposalOption.S2CENC : null;
        if (cipher == null) {
            return false;
        }
        List<String> ours = names(serverProposal.get(cipher));
        return names(clientProposal.get(cipher)).stream().filter(ours::contains).findFirst()
                .map(name -> name.contains("-gcm@") || name.startsWith("chacha20-poly1305")).orElse(false);
    }

    private void fixFrom(List<String> offered, Predicate<String> implemented, List<String> legacy, String setter) {
        List<String> candidates = offered.stream().filter(implemented).collect(Collectors.toList());
        if (candidates.stream().anyMatch(legacy::contains)) {
            fixes.add(".legacyAlgorithms(true)");
        } else if (!candidates.isEmpty()) {
            fixes.add("add \"" + candidates.get(0) + "\" to ." + setter + "(...)");
        } else {
            fixes.add("none of the client's " + setter + " is implemented here: configure the client to offer one of"
                    + " the server's");
        }
    }

    /**
     * The client's host key algorithm that is cheapest to offer: one that only needs a key of its type beats one
     * that also needs {@code legacyAlgorithms(true)} (JSch 0.1.55 lists ssh-rsa first, and takes ECDSA as well);
     * between equals, the client's order.
     */
    private void fixHostKey(List<String> offered) {
        String best = null;
        int bestCost = Integer.MAX_VALUE;
        for (String algorithm : offered) {
            String keyType = keyType(algorithm);
            if (keyType == null || !Algorithms.isSignature(algorithm)) {
                continue; // certificates, DSA, security keys: nothing a test can switch on
            }
            int cost = (signatures.contains(algorithm) ? 0 : 2) + (hasKey(keyType) ? 0 : 1);
            if (cost < bestCost) {
                best = algorithm;
                bestCost = cost;
            }
        }
        if (best == null) {
            fixes.add("the client offers no host key algorithm this server can sign with: configure the client to"
                    + " accept ssh-ed25519 or ecdsa-sha2-nistp256");
            return;
        }
        if (!signatures.contains(best)) {
            fixes.add(Algorithms.LEGACY_SIGNATURES.contains(best) ? ".legacyAlgorithms(true)"
                    : "add \"" + best + "\" to .signatures(...)");
        }
        String keyType = keyType(best);
        if (!hasKey(keyType)) {
            List<String> keys = hostKeys.stream().map(KeyExchangeFailure::code).collect(Collectors.toList());
            keys.add(generator(keyType));
            fixes.add(".hostKeys(" + String.join(", ", keys) + ")");
        }
    }

    private boolean hasKey(String keyType) {
        return hostKeys.stream().anyMatch(key -> keyType.equals(key.algorithm()));
    }

    /** The key a host key algorithm signs with, as {@link HostKey#algorithm()} names it, or null. */
    private static String keyType(String algorithm) {
        return switch (algorithm) {
            case "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> algorithm;
            case "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512" -> "ssh-rsa";
            default -> null;
        };
    }

    private static String generator(String keyType) {
        return switch (keyType) {
            case "ssh-ed25519" -> "HostKey.generateEd25519()";
            case "ecdsa-sha2-nistp256" -> "HostKey.generateEcdsaP256()";
            case "ssh-rsa" -> "HostKey.generate(\"ssh-rsa\")";
            default -> "HostKey.fromFile(<a " + keyType + " key file>)";
        };
    }

    /** How a test names one of the server's keys in the fix: the cached ones by their getter. */
    private static String code(HostKey key) {
        if (key.equals(HostKey.generateEd25519())) {
            return "HostKey.generateEd25519()";
        }
        if (key.equals(HostKey.generateEcdsaP256())) {
            return "HostKey.generateEcdsaP256()";
        }
        return "<your " + key.algorithm() + " key>";
    }

    private String fixText() {
        List<String> calls = fixes.stream().filter(fix -> fix.startsWith(".")).collect(Collectors.toList());
        List<String> advice = fixes.stream().filter(fix -> !fix.startsWith(".")).collect(Collectors.toList());
        List<String> parts = new ArrayList<>();
        if (!calls.isEmpty()) {
            String chain = String.join("", calls);
            boolean runnerFlag = calls.equals(List.of(".legacyAlgorithms(true)"));
            parts.add("builder" + chain + (runnerFlag ? " (runner: --legacy-algorithms)" : ""));
        }
        parts.addAll(advice);
        return String.join("; ", parts);
    }

    private static List<String> names(String proposal) {
        if (proposal == null || proposal.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(proposal.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .filter(PSEUDO_ALGORITHM.negate()).collect(Collectors.toList());
    }
}
