package io.sftptest.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFileReader;

/**
 * The behavioural points of a personality file, by the path that {@code Personality.limitations()} names them with,
 * so that two files can be compared point by point (where and when they were probed left out).
 */
final class PersonalityPoints {
    private PersonalityPoints() {
    }

    static PersonalityFile read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return PersonalityFileReader.read(reader, file.toString());
        }
    }

    static Map<String, String> of(PersonalityFile file) {
        Map<String, String> points = new TreeMap<>();
        if (file.ssh() != null) {
            points.put("ssh.identification", file.ssh().identification());
            points.put("ssh.banner", file.ssh().banner());
            points.put("ssh.keyExchanges", String.valueOf(file.ssh().keyExchanges()));
            points.put("ssh.hostKeyAlgorithms", String.valueOf(file.ssh().hostKeyAlgorithms()));
            points.put("ssh.ciphers", String.valueOf(file.ssh().ciphers()));
            points.put("ssh.macs", String.valueOf(file.ssh().macs()));
            points.put("ssh.compressions", String.valueOf(file.ssh().compressions()));
            // server-sig-algs is a set: MINA's client keeps no order
            points.put("ssh.userKeyAlgorithms", file.ssh().userKeyAlgorithms() == null ? null
                    : new java.util.TreeSet<>(file.ssh().userKeyAlgorithms()).toString());
        }
        if (file.sftp() != null) {
            points.put("sftp.versions", String.valueOf(file.sftp().versions()));
            points.put("sftp.noiseBeforeVersion", file.sftp().noiseBeforeVersion());
            if (file.sftp().extensions() != null) {
                List<String> extensions = new ArrayList<>();
                for (Extension extension : file.sftp().extensions()) {
                    extensions.add(extension.name() + "=" + (extension.answer() == null ? "-"
                            : PersonalityFile.statusName(extension.answer().status()) + " "
                                    + Objects.toString(extension.answer().message(), "")));
                }
                extensions.sort(null);
                points.put("sftp.extensions", extensions.toString());
            }
        }
        if (file.sizes() != null) {
            points.put("sizes.read", String.valueOf(file.sizes().read()));
            points.put("sizes.write", String.valueOf(file.sizes().write()));
            points.put("sizes.readdir", String.valueOf(file.sizes().readdir()));
            points.put("sizes.limits", String.valueOf(file.sizes().limits()));
        }
        if (file.attributes() != null) {
            points.put("attributes.setstat", String.valueOf(file.attributes().setstat()));
            points.put("attributes.fsetstat", String.valueOf(file.attributes().fsetstat()));
        }
        if (file.rename() != null) {
            points.put("rename.ontoExisting", String.valueOf(file.rename().ontoExisting()));
            points.put("rename.posixOntoExisting", String.valueOf(file.rename().posixOntoExisting()));
        }
        if (file.writes() != null) {
            points.put("writes.append", String.valueOf(file.writes().append()));
            points.put("writes.overwrite", String.valueOf(file.writes().overwrite()));
        }
        if (file.names() != null) {
            points.put("names.caseSensitive", String.valueOf(file.names().caseSensitive()));
            points.put("names.realpathForm", file.names().realpathForm());
        }
        if (file.links() != null) {
            points.put("links.symlink", file.links().symlink() + " " + file.links().argumentOrder());
        }
        if (file.errors() != null) {
            points.put("errors.statMissing", String.valueOf(file.errors().statMissing()));
            points.put("errors.openMissing", String.valueOf(file.errors().openMissing()));
            points.put("errors.mkdirExisting", String.valueOf(file.errors().mkdirExisting()));
            points.put("errors.rmdirNotEmpty", String.valueOf(file.errors().rmdirNotEmpty()));
            points.put("errors.openDirectory", file.errors().openDirectory() + " then "
                    + file.errors().readDirectory());
        }
        return points;
    }

    /** The points whose values differ between two files. */
    static List<String> differing(PersonalityFile a, PersonalityFile b) {
        Map<String, String> left = of(a);
        Map<String, String> right = of(b);
        List<String> differ = new ArrayList<>();
        for (String point : left.keySet()) {
            if (!Objects.equals(left.get(point), right.get(point))) {
                differ.add(point);
            }
        }
        return differ;
    }

    /** The points a personality's limitations name. */
    static List<String> limited(List<String> limitations) {
        return limitations.stream().map(line -> line.substring(0, line.indexOf(':'))).distinct().toList();
    }
}
