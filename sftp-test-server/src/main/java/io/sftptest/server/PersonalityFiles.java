package io.sftptest.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFileReader;

/** Reads personality files into {@link Personality} instances: {@link Personality#load(Path)} and friends. */
final class PersonalityFiles {
    private static final Logger LOG = LoggerFactory.getLogger(Personality.class);

    private PersonalityFiles() {
    }

    static Personality load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return of(PersonalityFileReader.read(reader, file.toString()));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("personality file " + file.toAbsolutePath() + " does not exist: write "
                    + "one with the runner's probe (or write-personality) command, or check the path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read personality file " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    static Personality fromResource(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a personality resource needs a name, e.g. \"partner.personality.json\"");
        }
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            in = PersonalityFiles.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalArgumentException("no personality file \"" + name + "\" on the class path: put it under "
                    + "src/test/resources and name it relative to that directory, e.g. \"partner.personality.json\"");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return of(PersonalityFileReader.read(reader, "class path resource " + resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read personality resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the personality a file describes.
     *
     * @param file the file's content
     * @return the personality, with what it cannot reproduce in {@link Personality#limitations()}
     */
    static Personality of(PersonalityFile file) {
        PersonalityFileSetup setup = new PersonalityFileSetup(file);
        if (!setup.limitations().isEmpty()) {
            List<String> points = setup.limitations().stream().map(line -> line.substring(0, line.indexOf(':')))
                    .distinct().toList();
            LOG.warn("personality {}: this server cannot reproduce {} of the probed points yet ({}); "
                    + "Personality.limitations() says how it answers there", file.name(), points.size(),
                    String.join(", ", points));
        }
        String description = file.description().isBlank() ? "personality file " + file.name() : file.description();
        return Personality.probed(file.name(), description, setup::applyTo, setup.limitations());
    }
}
