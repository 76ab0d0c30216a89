package dev.viewmigrate.example;

/** A failure the example app reports as one readable paragraph (no stack trace) before exiting non-zero. */
final class ExampleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExampleException(String message) {
        super(message);
    }

    ExampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
