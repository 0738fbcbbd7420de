package io.gatehouse.builtin;

import io.gatehouse.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A builtin made of a name, typed parameters and a body. It checks the argument count and kinds before the body runs,
 * so bodies may cast, and it prefixes every error with the builtin's name, so bodies say only what went wrong.
 */
final class FunctionBuiltin implements Builtin {

    /** The work of a builtin; its arguments already have the declared kinds. */
    @FunctionalInterface
    interface Body {
        Value call(List<Value> args) throws BuiltinException;
    }

    private final String name;
    private final List<Param> params;
    private final Body body;

    private FunctionBuiltin(String name, List<Param> params, Body body) {
        this.name = Objects.requireNonNull(name, "name");
        this.params = List.copyOf(params);
        this.body = Objects.requireNonNull(body, "body");
    }

    static Builtin of(String name, Body body, Param... params) {
        return new FunctionBuiltin(name, List.of(params), body);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int arity() {
        return params.size();
    }

    /** The declared parameters, in order; the docs test reads them. */
    List<Param> params() {
        return params;
    }

    @Override
    public Value apply(List<Value> args) throws BuiltinException {
        Objects.requireNonNull(args, "args");
        checkCount(args.size());
        for (int index = 0; index < params.size(); index++) {
            checkKind(index, args.get(index));
        }
        try {
            return body.call(args);
        } catch (BuiltinException error) {
            throw new BuiltinException(name + ": " + error.getMessage());
        } catch (ArithmeticException error) {
            // invariant: bodies bound their numbers; this only guards exact arithmetic that would not terminate
            throw new BuiltinException(name + ": number out of range (" + error.getMessage() + ")");
        }
    }

    /**
     * Checks each literal argument's kind and content; when every argument is literal, also runs the call, since
     * builtins are pure: {@code sprintf("%v %v", [1])} then fails at compile time, not on every decision.
     */
    @Override
    public void checkConstants(List<Value> constants) throws BuiltinException {
        Objects.requireNonNull(constants, "constants");
        checkCount(constants.size());
        boolean allLiteral = true;
        for (int index = 0; index < params.size(); index++) {
            Value constant = constants.get(index);
            allLiteral &= constant != null;
            if (constant != null) {
                checkKind(index, constant);
                checkConstant(params.get(index), constant);
            }
        }
        if (allLiteral) {
            apply(constants);
        }
    }

    private void checkConstant(Param param, Value constant) throws BuiltinException {
        if (param.constantCheck() == null) {
            return;
        }
        try {
            param.constantCheck().check(constant);
        } catch (BuiltinException error) {
            throw new BuiltinException(name + ": " + error.getMessage());
        }
    }

    private void checkCount(int given) throws BuiltinException {
        if (given != params.size()) {
            throw new BuiltinException(name + ": expected " + Args.plural(params.size(), "argument") + ", given "
                    + given);
        }
    }

    private void checkKind(int index, Value value) throws BuiltinException {
        Objects.requireNonNull(value, "argument");
        Param param = params.get(index);
        if (!param.accepts(value)) {
            throw new BuiltinException(name + ": argument " + (index + 1) + " must be " + param.expected()
                    + ", given " + Args.describe(value));
        }
    }

    @Override
    public String toString() {
        return name + "/" + params.size();
    }
}
