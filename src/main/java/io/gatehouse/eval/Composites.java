package io.gatehouse.eval;

import io.gatehouse.compile.Term;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Evaluation of array, object and set literals and of comprehensions. */
final class Composites {

    private Composites() {
    }

    static void eval(Evaluator evaluator, Term term, Value[] frame, Env env, Evaluator.Sink sink) {
        if (term instanceof Term.ArrayOf array) {
            evaluator.args(array.items(), 0, new Value[array.items().size()], frame, env,
                    items -> sink.accept(new Value.Arr(List.of(items))));
        } else if (term instanceof Term.SetOf set) {
            evaluator.args(set.items(), 0, new Value[set.items().size()], frame, env, items -> {
                TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
                members.addAll(List.of(items));
                sink.accept(new Value.SetV(members));
            });
        } else if (term instanceof Term.ObjectOf object) {
            object(evaluator, object, frame, env, sink);
        } else if (term instanceof Term.Comprehension comprehension) {
            comprehension(evaluator, comprehension, frame, env, sink);
        } else {
            throw new IllegalStateException("no evaluation for term " + term.getClass().getSimpleName());
        }
    }

    private static void object(Evaluator evaluator, Term.ObjectOf object, Value[] frame, Env env,
            Evaluator.Sink sink) {
        List<Term> all = new ArrayList<>(object.keys());
        all.addAll(object.values());
        int size = object.keys().size();
        evaluator.args(all, 0, new Value[all.size()], frame, env, values -> {
            TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
            for (int i = 0; i < size; i++) {
                members.put(key(values[i], object), values[size + i]);
            }
            sink.accept(new Value.Obj(members));
        });
    }

    private static String key(Value key, Term term) {
        if (key instanceof Value.Str text) {
            return text.value();
        }
        throw Evaluator.typeError(term.pos(), "object keys must be strings, given " + key.typeName());
    }

    private static void comprehension(Evaluator evaluator, Term.Comprehension comprehension, Value[] frame, Env env,
            Evaluator.Sink sink) {
        switch (comprehension.kind()) {
            case ARRAY -> {
                List<Value> items = new ArrayList<>();
                evaluator.body(comprehension.body(), 0, frame, env,
                        () -> evaluator.eval(comprehension.head(), frame, env, items::add));
                sink.accept(new Value.Arr(items));
            }
            case SET -> {
                TreeSet<Value> members = new TreeSet<>(ValueOrder.INSTANCE);
                evaluator.body(comprehension.body(), 0, frame, env,
                        () -> evaluator.eval(comprehension.head(), frame, env, members::add));
                sink.accept(new Value.SetV(members));
            }
            case OBJECT -> sink.accept(objectComprehension(evaluator, comprehension, frame, env));
        }
    }

    private static Value objectComprehension(Evaluator evaluator, Term.Comprehension comprehension, Value[] frame,
            Env env) {
        TreeMap<String, Value> members = new TreeMap<>(ValueOrder.CODE_POINTS);
        evaluator.body(comprehension.body(), 0, frame, env, () -> evaluator.eval(comprehension.key(), frame, env,
                key -> evaluator.eval(comprehension.head(), frame, env, value -> {
                    Value previous = members.putIfAbsent(key(key, comprehension), value);
                    if (previous != null && !previous.equals(value)) {
                        throw new EvalError(EvalError.CONFLICT, comprehension.pos(), "object comprehension produced "
                                + "conflicting values for key " + Evaluator.render(key));
                    }
                })));
        return new Value.Obj(members);
    }
}
