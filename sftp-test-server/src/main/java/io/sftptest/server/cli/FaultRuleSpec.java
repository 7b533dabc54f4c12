package io.sftptest.server.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.sftptest.server.ConnectionFault;
import io.sftptest.server.Fault;
import io.sftptest.server.FaultRule;
import io.sftptest.server.Faults;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.internal.SettingText;
import io.sftptest.server.internal.SettingText.Word;

/**
 * One {@code --fault} rule in its command-line form, parsed, e.g.
 * {@code OPEN /in/*.csv status=FAILURE message="quota exceeded" nth=3}, {@code CONNECT refuse once} or
 * {@code EXEC command="md5sum *" exitStatus=1 message="md5sum: I/O error"};
 * {@link #apply(Faults)} registers it through the public {@link Faults} API. Errors are
 * {@link IllegalArgumentException}s whose message starts with the quoted rule and the 1-based position:
 * {@code "OPEN /in status=NOPE": at 17: unknown status "NOPE": use one of OK, EOF, ...}.
 */
final class FaultRuleSpec {
    private static final List<String> REQUEST_WORDS = List.of("after", "once", "always", "times=N", "nth=N",
            "user=NAME", "extension=NAME", "command=\"GLOB\"", "status=NAME", "exitStatus=N", "message=\"TEXT\"",
            "disconnect", "disconnectAfterBytes=N", "delay=DURATION", "throttle=BYTES_PER_SECOND", "hang",
            "hang=DURATION", "shortRead=N", "closeChannel", "none", "then");
    private static final List<String> CONNECTION_WORDS = List.of("once", "always", "times=N", "nth=N", "refuse",
            "closeAfterAccept", "delayBanner=DURATION", "stallKeyExchange", "stallWindowAfter=N", "rekeyAfterBytes=N",
            "rekeyEvery=DURATION", "stallRekeyAfter=N", "none", "then");
    private static final String REQUEST_EFFECTS = "status=NAME, exitStatus=N, disconnect, disconnectAfterBytes=N, "
            + "delay=DURATION, throttle=BYTES_PER_SECOND, hang, hang=DURATION, shortRead=N, closeChannel or none";
    private static final String CONNECTION_EFFECTS = "refuse, closeAfterAccept, delayBanner=DURATION, "
            + "stallKeyExchange, stallWindowAfter=N, rekeyAfterBytes=N, rekeyEvery=DURATION, stallRekeyAfter=N or none";

    private final String text;
    private final boolean connection;
    private final EnumSet<SftpOperation> operations = EnumSet.noneOf(SftpOperation.class);
    private String path;
    private String user;
    private String extension;
    private String command;
    private int nth;
    private int times;
    private boolean always;
    private boolean after;
    private final List<Fault> effects = new ArrayList<>();
    private final List<ConnectionFault> connectionEffects = new ArrayList<>();

    private FaultRuleSpec(String text, boolean connection) {
        this.text = text;
        this.connection = connection;
    }

    /**
     * Parses one rule.
     * @param text the rule, e.g. {@code WRITE after status=FAILURE once}
     * @return the parsed rule
     * @throws IllegalArgumentException naming the rule, the position and what was expected
     */
    static FaultRuleSpec parse(String text) {
        List<Word> tokens;
        try {
            tokens = SettingText.words(text);
        } catch (SettingText.SyntaxError e) {
            throw error(text, e.position(), e.getMessage());
        }
        if (tokens.isEmpty()) {
            throw error(text, 1, "empty rule: expected the operations, e.g. OPEN or OPEN,STAT or CONNECT");
        }
        Word first = tokens.get(0);
        EnumSet<SftpOperation> operations = EnumSet.noneOf(SftpOperation.class);
        boolean connection = false;
        int offset = 0;
        for (String name : first.text().split(",", -1)) {
            int position = first.position() + offset;
            offset += name.length() + 1;
            if (name.equalsIgnoreCase("CONNECT")) {
                connection = true;
                continue;
            }
            SftpOperation operation = operation(name);
            if (operation == null) {
                throw error(text, position, "unknown operation \"" + name + "\": use CONNECT or one of "
                        + String.join(", ", Arrays.stream(SftpOperation.values()).filter(FaultRuleSpec::failable)
                                .map(Enum::name).toList()) + " (comma-separated)");
            }
            operations.add(operation);
        }
        if (connection && !operations.isEmpty()) {
            throw error(text, first.position(), "CONNECT cannot be combined with SFTP operations: write two rules");
        }
        FaultRuleSpec spec = new FaultRuleSpec(text, connection);
        spec.operations.addAll(operations);
        spec.parseRest(tokens.subList(1, tokens.size()));
        return spec;
    }

    /**
     * Registers the rule.
     * @param faults the rules of a server
     * @return the registered rule
     * @throws IllegalArgumentException when the API rejects the rule (e.g. a short read on WRITE), with the rule
     *         quoted
     */
    FaultRule apply(Faults faults) {
        try {
            FaultRule.Trigger<?> trigger;
            if (connection) {
                trigger = faults.onConnection();
            } else {
                FaultRule.Builder builder = faults.on(operations.iterator().next(),
                        operations.toArray(SftpOperation[]::new));
                if (path != null) {
                    builder.path(path);
                }
                if (user != null) {
                    builder.user(user);
                }
                if (extension != null) {
                    builder.extension(extension);
                }
                if (command != null) {
                    builder.command(command);
                }
                if (after) {
                    builder.after();
                }
                trigger = builder;
            }
            if (nth != 0) {
                trigger.nth(nth);
            }
            if (times != 0) {
                trigger.times(times);
            }
            if (always) {
                trigger.always();
            }
            if (trigger instanceof FaultRule.ConnectionBuilder builder) {
                return builder.respond(connectionEffects.get(0),
                        connectionEffects.subList(1, connectionEffects.size()).toArray(ConnectionFault[]::new));
            }
            return ((FaultRule.Builder) trigger).respond(effects.get(0),
                    effects.subList(1, effects.size()).toArray(Fault[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quote(text) + ": " + e.getMessage(), e);
        }
    }

    /** Returns the rule as written. */
    @Override
    public String toString() {
        return text;
    }

    // ------------------------------------------------------------------ parsing

    private void parseRest(List<Word> tokens) {
        Slot slot = new Slot();
        for (int i = 0; i < tokens.size(); i++) {
            Word token = tokens.get(i);
            String word = token.key().toLowerCase(Locale.ROOT);
            if (i == 0 && (token.text().startsWith("/") || token.text().startsWith("*"))) {
                if (connection) {
                    throw error(text, token.position(), "a path does not apply to CONNECT rules");
                }
                if (operations.contains(SftpOperation.EXEC)) {
                    throw error(text, token.position(), "a path does not apply to EXEC rules: match the command line "
                            + "with command=\"md5sum " + token.text() + "\"");
                }
                path = token.text();
                continue;
            }
            if (word.equals("then")) {
                requireValue(token, false);
                finish(slot, token.position(), "before then");
                slot = new Slot();
                continue;
            }
            if (!trigger(token, word) && !effect(token, word, slot)) {
                throw error(text, token.position(), "unknown word \"" + token.key() + "\": use "
                        + String.join(", ", connection ? CONNECTION_WORDS : REQUEST_WORDS)
                        + (i == 0 && !connection ? ", or a path starting with / or *" : ""));
            }
        }
        if (slot.isEmpty() && slot.message == null && effects.isEmpty() && connectionEffects.isEmpty()) {
            throw error(text, text.length() + 1, "no effect: add one of "
                    + (connection ? CONNECTION_EFFECTS : REQUEST_EFFECTS));
        }
        finish(slot, text.length() + 1, "after then");
    }

    private boolean trigger(Word token, String word) {
        switch (word) {
            case "once" -> {
                requireValue(token, false);
                times = 1;
            }
            case "always" -> {
                requireValue(token, false);
                always = true;
            }
            case "times" -> times = positiveInt(token);
            case "nth" -> nth = positiveInt(token);
            case "after", "user", "extension", "command" -> {
                if (connection) {
                    throw error(text, token.position(), token.key() + " does not apply to CONNECT rules: use "
                            + String.join(", ", CONNECTION_WORDS));
                }
                if (word.equals("after")) {
                    requireValue(token, false);
                    after = true;
                } else if (word.equals("user")) {
                    user = requireValue(token, true);
                } else if (word.equals("command")) {
                    command = requireValue(token, true);
                } else {
                    extension = requireValue(token, true);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean effect(Word token, String word, Slot slot) {
        if (connection) {
            ConnectionFault fault = switch (word) {
                case "refuse" -> ConnectionFault.refuse();
                case "closeafteraccept" -> ConnectionFault.closeAfterAccept();
                case "stallkeyexchange" -> ConnectionFault.stallKeyExchange();
                case "none" -> ConnectionFault.none();
                case "delaybanner" -> api(token, () -> ConnectionFault.delayBanner(duration(token)));
                case "stallwindowafter" -> api(token, () -> ConnectionFault.stallWindowAfter(bytes(token)));
                case "rekeyafterbytes" -> api(token, () -> ConnectionFault.rekeyAfterBytes(bytes(token)));
                case "rekeyevery" -> api(token, () -> ConnectionFault.rekeyEvery(duration(token)));
                case "stallrekeyafter" -> api(token, () -> ConnectionFault.stallRekeyAfter(bytes(token)));
                default -> null;
            };
            if (fault == null) {
                return false;
            }
            if (List.of("refuse", "closeafteraccept", "stallkeyexchange", "none").contains(word)) {
                requireValue(token, false);
            }
            slot.set(token, fault);
            return true;
        }
        if (word.equals("status")) {
            String name = requireValue(token, true);
            SftpStatus status = Arrays.stream(SftpStatus.values()).filter(s -> s.name().equalsIgnoreCase(name))
                    .findFirst().orElseThrow(() -> error(text, token.valuePosition(), "unknown status \"" + name
                            + "\": use one of " + String.join(", ",
                                    Arrays.stream(SftpStatus.values()).map(Enum::name).toList())));
            if (slot.status != null) {
                throw twoEffects(token);
            }
            slot.set(token, null);
            slot.status = status;
            return true;
        }
        if (word.equals("exitstatus")) {
            long code = number(token);
            if (slot.status != null || slot.exitStatus != null) {
                throw twoEffects(token);
            }
            slot.set(token, null);
            slot.exitStatus = (int) Math.max(-1, Math.min(code, Integer.MAX_VALUE));
            api(token, () -> Fault.exitStatus(slot.exitStatus));
            return true;
        }
        if (word.equals("message")) {
            if (slot.message != null) {
                throw error(text, token.position(), "two messages for one effect: separate a sequence with then");
            }
            slot.message = requireValue(token, true);
            slot.messagePosition = token.position();
            return true;
        }
        Fault fault = switch (word) {
            case "disconnect" -> Fault.disconnect();
            case "closechannel" -> Fault.closeChannel();
            case "none" -> Fault.none();
            case "hang" -> token.value() == null ? Fault.hang() : api(token, () -> Fault.hang(duration(token)));
            case "disconnectafterbytes" -> api(token, () -> Fault.disconnectAfterBytes(bytes(token)));
            case "delay" -> api(token, () -> Fault.delay(duration(token)));
            case "throttle" -> api(token, () -> Fault.throttle(bytes(token)));
            case "shortread" -> api(token, () -> Fault.shortRead((int) Math.min(Integer.MAX_VALUE, bytes(token))));
            default -> null;
        };
        if (fault == null) {
            return false;
        }
        if (word.equals("disconnect") || word.equals("closechannel") || word.equals("none")) {
            requireValue(token, false);
        }
        slot.set(token, fault);
        return true;
    }

    private void finish(Slot slot, int position, String where) {
        if (slot.status == null && slot.exitStatus == null && slot.message != null) {
            throw error(text, slot.messagePosition, "message= belongs to a status=NAME or exitStatus=N effect: add "
                    + "one");
        }
        if (slot.isEmpty()) {
            throw error(text, position, "expected an effect " + where + ": one of "
                    + (connection ? CONNECTION_EFFECTS : REQUEST_EFFECTS));
        }
        if (slot.status != null) {
            effects.add(slot.message == null ? Fault.status(slot.status) : Fault.status(slot.status, slot.message));
        } else if (slot.exitStatus != null) {
            effects.add(slot.message == null ? Fault.exitStatus(slot.exitStatus)
                    : Fault.exitStatus(slot.exitStatus, slot.message));
        } else if (slot.fault instanceof Fault fault) {
            effects.add(fault);
        } else {
            connectionEffects.add((ConnectionFault) slot.fault);
        }
    }

    private IllegalArgumentException twoEffects(Word token) {
        return error(text, token.position(), "a second effect \"" + token.key() + "\": separate a sequence of "
                + "effects with then, e.g. status=FAILURE then none");
    }

    private <T> T api(Word token, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(quote(text))) {
                throw e;
            }
            throw error(text, token.valuePosition(), e.getMessage());
        }
    }

    private String requireValue(Word token, boolean wanted) {
        if (wanted && (token.value() == null || token.value().isEmpty())) {
            throw error(text, token.position(), token.key() + " needs a value: " + token.key() + "=...");
        }
        if (!wanted && token.value() != null) {
            throw error(text, token.position(), token.key() + " takes no value: write just " + token.key());
        }
        return token.value();
    }

    private int positiveInt(Word token) {
        long n = number(token);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw error(text, token.valuePosition(), token.key() + " must be at least 1, was " + token.value());
        }
        return (int) n;
    }

    private long number(Word token) {
        String value = requireValue(token, true);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(text, token.valuePosition(), "expected a whole number for " + token.key() + ", was \""
                    + value + "\"");
        }
    }

    /** A byte count: a whole number, or with a unit (32KiB, 1MiB), as in personality parameters. */
    private long bytes(Word token) {
        String value = requireValue(token, true);
        try {
            return SettingText.bytes(value);
        } catch (IllegalArgumentException e) {
            throw error(text, token.valuePosition(), "expected a number of bytes like 1048576, 512KiB or 1MiB for "
                    + token.key() + ", was \"" + value + "\"");
        }
    }

    private Duration duration(Word token) {
        String value = requireValue(token, true);
        try {
            return SettingText.duration(value);
        } catch (IllegalArgumentException e) {
            throw error(text, token.valuePosition(), "expected a duration like 500ms, 2s, 1m or 1h for "
                    + token.key() + ", was \"" + value + "\"");
        }
    }

    private static SftpOperation operation(String name) {
        for (SftpOperation operation : SftpOperation.values()) {
            if (operation.name().equalsIgnoreCase(name) && failable(operation)) {
                return operation;
            }
        }
        return null;
    }

    private static boolean failable(SftpOperation operation) {
        return !operation.isConnectionEvent() && operation != SftpOperation.INIT
                && operation != SftpOperation.UNKNOWN;
    }

    private static IllegalArgumentException error(String text, int position, String message) {
        return new IllegalArgumentException(quote(text) + ": at " + position + ": " + message);
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** The effect between two {@code then}s. */
    private final class Slot {
        Object fault;
        SftpStatus status;
        Integer exitStatus;
        String message;
        int messagePosition;

        boolean isEmpty() {
            return fault == null && status == null && exitStatus == null;
        }

        void set(Word token, Object effect) {
            if (fault != null || status != null || exitStatus != null) {
                throw twoEffects(token);
            }
            fault = effect;
        }
    }
}
