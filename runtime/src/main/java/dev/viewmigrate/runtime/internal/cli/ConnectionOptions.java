package dev.viewmigrate.runtime.internal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --url --user --password} options of every verb that talks to a database. */
final class ConnectionOptions {
    static final String URL_ENV = "VIEWMIGRATE_URL";
    static final String USER_ENV = "VIEWMIGRATE_USER";
    static final String PASSWORD_ENV = "VIEWMIGRATE_PASSWORD";

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Database to migrate, e.g. jdbc:postgresql://localhost:5432/app or jdbc:sqlite:app.db. "
                    + "Default: environment variable " + URL_ENV + ".")
    String url;

    @Option(names = "--user", paramLabel = "USER",
            description = "Database user. Default: " + USER_ENV + ", else the URL's user= parameter.")
    String user;

    // No default value shown in --help and no picocli ${env:...} lookup: either would print the password.
    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password. Prefer the environment variable " + PASSWORD_ENV
                    + ": command-line arguments are visible to other users of the machine.")
    String password;

    /**
     * These options (given after the verb) win over {@code beforeVerb} (the same options given before it), which win
     * over the environment; a missing URL is a usage error.
     */
    ConnectionSettings resolve(ConnectionOptions beforeVerb, Map<String, String> env, ConnectionNames names) {
        String resolvedUrl = firstNonBlank(firstNonBlank(url, beforeVerb.url), env.get(URL_ENV));
        if (resolvedUrl == null) {
            throw CliFailure.usage("No database given. Pass " + names.url() + " jdbc:postgresql://HOST:PORT/DATABASE"
                    + " (with " + names.user() + " and " + names.password() + "), or set the environment variables "
                    + URL_ENV + ", " + USER_ENV + " and " + PASSWORD_ENV + ".");
        }
        String resolvedPassword = password != null ? password
                : beforeVerb.password != null ? beforeVerb.password : env.get(PASSWORD_ENV);
        return new ConnectionSettings(resolvedUrl.strip(),
                firstNonBlank(firstNonBlank(user, beforeVerb.user), env.get(USER_ENV)), resolvedPassword);
    }

    /**
     * As {@link #resolve}, but without requiring a URL (null when none is given): for many targets that all name
     * their database.
     */
    ConnectionSettings resolveCredentials(ConnectionOptions beforeVerb, Map<String, String> env) {
        String resolvedUrl = firstNonBlank(firstNonBlank(url, beforeVerb.url), env.get(URL_ENV));
        return resolvedUrl != null ? resolve(beforeVerb, env, ConnectionNames.OPTIONS) : new ConnectionSettings(null,
                firstNonBlank(firstNonBlank(user, beforeVerb.user), env.get(USER_ENV)),
                password != null ? password : beforeVerb.password != null ? beforeVerb.password
                        : env.get(PASSWORD_ENV));
    }

    /** The values of {@code --password} in raw arguments, read before parsing (which may fail). */
    static List<String> passwordArguments(String... args) {
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--password") && i + 1 < args.length) {
                passwords.add(args[i + 1]);
            } else if (args[i].startsWith("--password=")) {
                passwords.add(args[i].substring("--password=".length()));
            }
        }
        return passwords;
    }

    private static String firstNonBlank(String option, String environment) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return environment != null && !environment.isBlank() ? environment : null;
    }
}
