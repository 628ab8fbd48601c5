package ca.hotlinetrends.pipeline;

/** The lines a command prints as it goes ({@code [stage] message}): aggregates, paths and codes, never a record. */
public final class Progress {

    private Progress() {}

    public static void say(String stage, String message) {
        System.out.println("[" + stage + "] " + message);
        System.out.flush();
    }
}
