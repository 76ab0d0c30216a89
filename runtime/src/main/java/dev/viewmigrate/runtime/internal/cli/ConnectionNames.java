package dev.viewmigrate.runtime.internal.cli;

import java.util.Objects;

/**
 * How connection errors name the settings the user can change: the command line's options by default; a front end
 * that runs this command line in-process (the Maven plugin) names its own ({@code -Dviewmigrate.url}, ...). The
 * environment variables work everywhere and are named as well.
 *
 * @param url      where the JDBC URL is given, e.g. {@code --url}
 * @param user     where the user is given, e.g. {@code --user}
 * @param password where the password is given, e.g. {@code --password}
 */
public record ConnectionNames(String url, String user, String password) {
    /** The command line's own options. */
    public static final ConnectionNames OPTIONS = new ConnectionNames("--url", "--user", "--password");

    public ConnectionNames {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Where the URL comes from, e.g. "--url (or VIEWMIGRATE_URL)". */
    String whereUrl() {
        return url + " (or " + ConnectionOptions.URL_ENV + ")";
    }

    /** Where the credentials come from. */
    String whereCredentials() {
        return user + " and " + password + " (or " + ConnectionOptions.USER_ENV + " and "
                + ConnectionOptions.PASSWORD_ENV + ")";
    }

    /** Where the password comes from. */
    String wherePassword() {
        return password + " (or set " + ConnectionOptions.PASSWORD_ENV + ")";
    }
}
