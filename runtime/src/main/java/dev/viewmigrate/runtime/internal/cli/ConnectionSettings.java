package dev.viewmigrate.runtime.internal.cli;

/**
 * The database to connect to, resolved from options and environment.
 *
 * @param url      a {@code jdbc:postgresql:} URL
 * @param user     the user; null to let the driver decide (a {@code user=} URL parameter, else the OS user)
 * @param password the password; null when none was given
 */
record ConnectionSettings(String url, String user, String password) {
    /** The URL as it may be shown: any {@code password=} parameter masked. */
    String displayUrl() {
        return Secrets.maskUrlPasswords(url);
    }

    /** "URL (user NAME)" for messages. */
    String describe() {
        return displayUrl() + (user == null ? "" : " as user " + user);
    }

    @Override
    public String toString() {
        // Records print every component; never the password.
        return "ConnectionSettings[url=" + displayUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : Secrets.MASK) + "]";
    }
}
