package io.clickstream.jobs;

import java.util.concurrent.Callable;

/**
 * A command's exit status, with the failures meant for people printed as one line instead of a stack trace:
 * 2 for bad arguments or configuration, 1 for a job that ran but must not publish.
 */
public final class ExitStatus {

    private ExitStatus() {
    }

    public static int of(Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (JobFailedException e) {
            System.err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }
}
