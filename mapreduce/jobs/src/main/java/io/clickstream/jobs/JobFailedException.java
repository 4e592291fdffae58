package io.clickstream.jobs;

/** A job that ran but must not publish; its message is meant for the operator and printed without a stack trace. */
public class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message);
    }
}
