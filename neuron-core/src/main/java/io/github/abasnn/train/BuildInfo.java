package io.github.abasnn.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What this build is: the project version and the git commit it was built from (with a dirty flag), baked in at
 * build time ({@code io/github/abasnn/git.properties}); "unknown" when built outside a git checkout.
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/github/abasnn/git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return new BuildInfo(p.getProperty("git.build.version", "unknown"),
                p.getProperty("git.commit.id.full", "unknown"), Boolean.parseBoolean(p.getProperty("git.dirty")));
    }

    /** {@code 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f, dirty)}. */
    public String describe() {
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return version + " (commit " + shortCommit + (dirty ? ", dirty" : "") + ")";
    }

    /** picocli's {@code --version} for every entry point. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aba-snn " + current().describe()};
        }
    }
}
