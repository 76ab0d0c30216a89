package dev.viewmigrate.runtime.internal;

import dev.viewmigrate.runtime.ViewMigrateException;

/**
 * Resolves a target ({@code head}, {@code +N}, {@code -N}, a revision id, {@code base}) to the state it names: the
 * number of chain revisions applied once the run is done. A target that is malformed, unknown, out of range or
 * points the wrong way is an error that lists the valid choices; it never becomes a silent no-op.
 */
public final class Targets {
    private Targets() {}

    /** State to upgrade to from state {@code current}: {@code head}, {@code +N}, or a revision at or after current. */
    public static int forUpgrade(Chain chain, int current, String target) {
        String t = requireText(target, "upgrade", chain, current);
        int pending = chain.size() - current;
        if (t.equals("head")) {
            return chain.size();
        }
        if (t.startsWith("+")) {
            int n = count(t, "upgrade", chain, current);
            if (n > pending) {
                throw invalid("Invalid upgrade target '" + t + "': only " + pending + " revision"
                        + (pending == 1 ? " is" : "s are") + " pending (current: " + chain.stateName(current)
                        + ", head: " + chain.stateName(chain.size()) + ").", upgradeChoices(chain, current));
            }
            return current + n;
        }
        if (t.startsWith("-")) {
            throw invalid("Invalid upgrade target '" + t + "': -N moves backwards. Use downgrade " + t + ".",
                    upgradeChoices(chain, current));
        }
        int state = t.equals("base") ? 0 : stateOf(chain, t, "upgrade", current);
        if (state < current) {
            throw invalid("Invalid upgrade target '" + t + "': it is older than the current revision "
                    + chain.stateName(current) + ". Use downgrade " + t + " to go back.",
                    upgradeChoices(chain, current));
        }
        return state;
    }

    /** State to downgrade to from state {@code current}: {@code -N}, {@code base}, or a revision at or before it. */
    public static int forDowngrade(Chain chain, int current, String target) {
        String t = requireText(target, "downgrade", chain, current);
        if (t.equals("base")) {
            return 0;
        }
        if (t.startsWith("-")) {
            int n = count(t, "downgrade", chain, current);
            if (n > current) {
                throw invalid("Invalid downgrade target '" + t + "': only " + current + " revision"
                        + (current == 1 ? " is" : "s are") + " applied (current: " + chain.stateName(current) + ").",
                        downgradeChoices(chain, current));
            }
            return current - n;
        }
        if (t.startsWith("+")) {
            throw invalid("Invalid downgrade target '" + t + "': +N moves forwards. Use upgrade " + t + ".",
                    downgradeChoices(chain, current));
        }
        int state = t.equals("head") ? chain.size() : stateOf(chain, t, "downgrade", current);
        if (state > current) {
            throw invalid("Invalid downgrade target '" + t + "': it is newer than the current revision "
                    + chain.stateName(current) + ". Use upgrade " + t + " to go forward.",
                    downgradeChoices(chain, current));
        }
        return state;
    }

    /**
     * The state named by an offline script's starting point: {@code base}, a revision id, or (null) the given
     * default state.
     */
    public static int forStart(Chain chain, String from, int defaultState) {
        if (from == null) {
            return defaultState;
        }
        String t = from.strip();
        if (t.equals("base")) {
            return 0;
        }
        if (t.equals("head")) {
            return chain.size();
        }
        int index = chain.indexOf(t);
        if (index < 0) {
            throw Messages.unknownStart(from, chain);
        }
        return index + 1;
    }

    private static String requireText(String target, String verb, Chain chain, int current) {
        if (target == null || target.isBlank()) {
            throw invalid("No " + verb + " target given.",
                    verb.equals("upgrade") ? upgradeChoices(chain, current) : downgradeChoices(chain, current));
        }
        return target.strip();
    }

    private static int count(String t, String verb, Chain chain, int current) {
        String digits = t.substring(1);
        int n;
        try {
            n = digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw invalid(Messages.malformedCount(verb, t), verb.equals("upgrade") ? upgradeChoices(chain, current)
                    : downgradeChoices(chain, current));
        }
        return n;
    }

    private static int stateOf(Chain chain, String revision, String verb, int current) {
        int index = chain.indexOf(revision);
        if (index < 0) {
            throw invalid("Unknown " + verb + " target '" + revision + "': no revision with that id in the chain "
                    + "(revisions: " + chain.idsBetween(0, chain.size()) + ").",
                    verb.equals("upgrade") ? upgradeChoices(chain, current) : downgradeChoices(chain, current));
        }
        return index + 1;
    }

    static String upgradeChoices(Chain chain, int current) {
        int pending = chain.size() - current;
        if (pending == 0) {
            return "Nothing is pending: the database is at head (" + chain.stateName(current) + "), so head and "
                    + chain.stateName(current) + " are the only upgrade targets (no-ops).";
        }
        return "Valid upgrade targets from " + chain.stateName(current) + ": head, "
                + (pending == 1 ? "+1" : "+1 to +" + pending) + ", or a pending revision ("
                + chain.idsBetween(current, chain.size()) + ").";
    }

    static String downgradeChoices(Chain chain, int current) {
        if (current == 0) {
            return "Nothing is applied: the database is at base, so base is the only downgrade target (a no-op).";
        }
        return "Valid downgrade targets from " + chain.stateName(current) + ": base, "
                + (current == 1 ? "-1" : "-1 to -" + current) + ", or an applied revision ("
                + chain.idsBetween(0, current) + ").";
    }

    private static ViewMigrateException invalid(String problem, String choices) {
        return Messages.invalidTarget(problem, choices);
    }
}
