package io.clickstream.jobs;

import java.util.concurrent.Callable;

/**
 * A command's exit status, with the failures meant for people printed as one line instead of a stack trace:
 * 2 for bad arguments or configuration, 1 for a job that ran but must not publish, {@value #CRASHED} (sysexits'
 * EX_SOFTWARE) for anything unexpected, with its stack trace: a crash is not a verdict on the data.
 */
public final class ExitStatus {

    public static final int CRASHED = 70;

    private ExitStatus() {
    }

    /** Thrown instead of exiting inside an Oozie launcher, so that the action's error is the line meant for people. */
    public static final class ActionFailedException extends RuntimeException {
        private final int status;

        public ActionFailedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private record Outcome(int status, String message) {
    }

    /**
     * Runs a command line's main and exits with its status. Inside an Oozie launcher a failure is thrown instead: Oozie
     * shows an exception's message as the action's error (in the kill message and the alert), whereas for an exit it
     * only says "Main Class [...], exit code [1]".
     */
    public static void exit(String command, Callable<Integer> main) throws Exception {
        Outcome outcome = run(main);
        if (outcome.status() != 0 && System.getProperty(LaunchConfiguration.OOZIE_ACTION_CONF) != null) {
            throw new ActionFailedException(outcome.status(), outcome.message() != null ? outcome.message()
                    : command + " exited with status " + outcome.status());
        }
        System.exit(outcome.status());
    }

    /** The status {@link #exit} would exit with, its messages printed; for callers that must not exit. */
    public static int status(Callable<Integer> command) {
        return run(command).status();
    }

    private static Outcome run(Callable<Integer> command) {
        try {
            return new Outcome(command.call(), null);
        } catch (Args.HelpRequested help) {
            System.out.print(help.usage());
            return new Outcome(0, null);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return new Outcome(2, e.getMessage());
        } catch (JobFailedException e) {
            System.err.println("FAILED: " + e.getMessage());
            return new Outcome(1, e.getMessage());
        } catch (Exception | LinkageError e) {
            String message = "crashed: " + e;
            System.err.println(message);
            e.printStackTrace();
            return new Outcome(CRASHED, message);
        }
    }
}
