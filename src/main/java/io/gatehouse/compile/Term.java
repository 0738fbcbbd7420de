package io.gatehouse.compile;

import io.gatehouse.ast.Expr;
import io.gatehouse.ast.Pos;
import io.gatehouse.builtin.Builtin;
import io.gatehouse.value.Value;
import java.util.List;
import java.util.Objects;

/** A compiled expression: names resolved to local slots, rules, data documents or builtins. */
public sealed interface Term
        permits Term.Const, Term.Local, Term.Input, Term.Data, Term.RuleValue, Term.PackageValue, Term.Index,
        Term.BuiltinCall, Term.FunctionCall, Term.Binary, Term.Negate, Term.ArrayOf, Term.ObjectOf, Term.SetOf,
        Term.Comprehension {

    Pos pos();

    record Const(Value value, Pos pos) implements Term {
        public Const {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A bound local variable. */
    record Local(int slot, String name, Pos pos) implements Term {
    }

    /** The whole input document. */
    record Input(Pos pos) implements Term {
    }

    /**
     * A base data document at a static path below {@code data}; {@code value} is its value in this revision, or null
     * when no file defines it (a {@code with} may still supply it).
     */
    record Data(List<String> path, Value value, Pos pos) implements Term {
        public Data {
            path = List.copyOf(path);
        }
    }

    /** The value of a complete, set or object rule. */
    record RuleValue(RuleSet rule, Pos pos) implements Term {
    }

    /** A package (or a prefix of packages) as an object of its rules' values, merged with base data there. */
    record PackageValue(List<String> path, Pos pos) implements Term {
        public PackageValue {
            path = List.copyOf(path);
        }
    }

    /**
     * Navigation {@code base[step]...}. A step is a term, or an unbound variable ({@link Step#bindSlot} set) that the
     * evaluator binds to every key of the collection in turn. {@code pathSlot} numbers the revision's static input
     * paths ({@code input.a.b}), whose values a decision looks up once and keeps; it is -1 for every other term.
     */
    record Index(Term base, List<Step> steps, Pos pos, int pathSlot) implements Term {
        public Index {
            steps = List.copyOf(steps);
        }

        public Index(Term base, List<Step> steps, Pos pos) {
            this(base, steps, pos, -1);
        }
    }

    /** One navigation step: either {@code key} is set, or {@code bindSlot >= 0} names the variable to iterate. */
    record Step(Term key, int bindSlot, String name) {

        /**
         * A step by key. A constant string key is interned: JSON parsers intern member names, so looking it up in an
         * input then usually finds the same object and compares no text.
         */
        public static Step key(Term key) {
            if (key instanceof Const constant && constant.value() instanceof Value.Str text
                    && text.value() != text.value().intern()) {
                key = new Const(new Value.Str(text.value().intern()), constant.pos());
            }
            return new Step(key, -1, null);
        }

        public static Step bind(int slot, String name) {
            return new Step(null, slot, name);
        }

        public boolean binds() {
            return bindSlot >= 0;
        }
    }

    record BuiltinCall(Builtin builtin, List<Term> args, Pos pos) implements Term {
        public BuiltinCall {
            args = List.copyOf(args);
        }
    }

    record FunctionCall(RuleSet function, List<Term> args, Pos pos) implements Term {
        public FunctionCall {
            args = List.copyOf(args);
        }
    }

    record Binary(Expr.Op op, Term left, Term right, Pos pos) implements Term {
    }

    record Negate(Term operand, Pos pos) implements Term {
    }

    record ArrayOf(List<Term> items, Pos pos) implements Term {
        public ArrayOf {
            items = List.copyOf(items);
        }
    }

    record ObjectOf(List<Term> keys, List<Term> values, Pos pos) implements Term {
        public ObjectOf {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    record SetOf(List<Term> items, Pos pos) implements Term {
        public SetOf {
            items = List.copyOf(items);
        }
    }

    /** A comprehension; {@code key} is set only for object comprehensions. */
    record Comprehension(Expr.Comprehension.Kind kind, Term key, Term head, Body body, Pos pos) implements Term {
    }
}
