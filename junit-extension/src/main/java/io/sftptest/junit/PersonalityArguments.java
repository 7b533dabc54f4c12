package io.sftptest.junit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;

/**
 * The arguments of {@link PersonalitySource}: one started server per personality, named after it. Every name is
 * read and every combination checked before the first server starts; each server starts when JUnit reaches its
 * invocation.
 */
final class PersonalityArguments extends AnnotationBasedArgumentsProvider<PersonalitySource> {
    private static final String JOIN = "+";

    @Override
    protected Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context,
            PersonalitySource source) {
        String origin = "@PersonalitySource on " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getTestMethod().map(Method::getName).orElse("?");
        List<String> names = names(source, origin);
        List<Settings> all = new ArrayList<>();
        for (String name : names) {
            Settings settings = new Settings(name, source.users(), origin);
            settings.builder(); // refuses unknown names and clashing combinations before any server starts
            all.add(settings);
        }
        PersonalityMatrix.report(context).plan(names);
        return all.stream().map(settings -> Arguments.argumentSet(settings.name(), settings.builder().start()));
    }

    private static List<String> names(PersonalitySource source, String origin) {
        Set<String> names = new LinkedHashSet<>();
        if (source.value().length == 0) {
            Personality.presets().forEach(preset -> names.add(preset.name()));
        } else {
            for (String name : source.value()) {
                if (name.isBlank()) {
                    throw new ExtensionConfigurationException(origin + ": value has a blank name: remove it, or "
                            + "name a personality such as \"no-setstat\"");
                }
                if (!names.add(name.trim())) {
                    throw new ExtensionConfigurationException(origin + ": value names \"" + name.trim() + "\" twice: "
                            + "each personality runs once, remove one");
                }
            }
        }
        for (String excluded : source.exclude()) {
            if (!names.remove(excluded.trim())) {
                throw new ExtensionConfigurationException(origin + ": exclude names \"" + excluded + "\", which is "
                        + "not run anyway (it runs " + names + "): remove it from exclude, or check its spelling");
            }
        }
        if (names.isEmpty()) {
            throw new ExtensionConfigurationException(origin + ": exclude leaves no personality to run: remove some "
                    + "of its names");
        }
        return List.copyOf(names);
    }

    /** The server of one invocation: its name, and a fresh builder each time it is asked for one. */
    private record Settings(String name, String[] users, String origin) {
        SftpTestServer.Builder builder() {
            SftpTestServer.Builder builder = SftpTestServer.builder();
            try {
                VisibleServers.addUsers(builder, users);
                for (String part : name.split("\\" + JOIN, -1)) {
                    if (part.isBlank()) {
                        throw new IllegalArgumentException("\"" + name + "\" joins an empty name with " + JOIN
                                + ": write e.g. \"sftp-v3-only+no-setstat\"");
                    }
                    builder.personality(Personality.parse(part.trim()));
                }
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(origin + ": " + e.getMessage(), e);
            }
            return builder;
        }
    }
}
