package io.qpwscope.engine.qpw;

/** A work function threw: carries the function's kernel name, so a failure report can say where. */
public final class WorkFunctionException extends RuntimeException {
    private final String function;

    public WorkFunctionException(String function, Throwable cause) {
        super(cause.getClass().getSimpleName() + " in work fn " + function + ": " + cause.getMessage(), cause);
        this.function = function;
    }

    public String function() {
        return function;
    }
}
