package io.gatehouse.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a builtin table: a call, and either its result or its exact error. Values are written as JSON with
 * single quotes allowed; {@code {'$set': [...]}} is a set. In compile-time rows the string {@code '$input'} stands
 * for an argument that is not a literal.
 */
record BuiltinCase(String note, String name, String args, String expected, Mode mode) {

    enum Mode { RESULT, ERROR, CONSTANTS_OK, CONSTANTS_ERROR }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final String NOT_LITERAL = "$input";

    /** The call gives this result. */
    static BuiltinCase ok(String note, String name, String args, String expected) {
        return new BuiltinCase(note, name, args, expected, Mode.RESULT);
    }

    /** The call fails with exactly this message. */
    static BuiltinCase error(String note, String name, String args, String message) {
        return new BuiltinCase(note, name, args, message, Mode.ERROR);
    }

    /** With these literal arguments the call compiles. */
    static BuiltinCase compiles(String note, String name, String args) {
        return new BuiltinCase(note, name, args, null, Mode.CONSTANTS_OK);
    }

    /** With these literal arguments the call is a compile error with exactly this message. */
    static BuiltinCase rejected(String note, String name, String args, String message) {
        return new BuiltinCase(note, name, args, message, Mode.CONSTANTS_ERROR);
    }

    void run() {
        Builtin builtin = Builtins.standard().get(name);
        assertThat(builtin).as("builtin %s", name).isNotNull();
        switch (mode) {
            case RESULT -> assertThatCode(() -> assertThat(builtin.apply(arguments())).isEqualTo(value(expected)))
                    .doesNotThrowAnyException();
            case ERROR -> assertThatThrownBy(() -> builtin.apply(arguments()))
                    .isInstanceOf(BuiltinException.class).hasMessage(expected);
            case CONSTANTS_OK -> assertThatCode(() -> builtin.checkConstants(constants()))
                    .doesNotThrowAnyException();
            case CONSTANTS_ERROR -> assertThatThrownBy(() -> builtin.checkConstants(constants()))
                    .isInstanceOf(BuiltinException.class).hasMessage(expected);
        }
    }

    List<Value> arguments() {
        return ((Value.Arr) value(args)).items();
    }

    private List<Value> constants() {
        List<Value> constants = new ArrayList<>();
        for (Value argument : arguments()) {
            boolean literal = !(argument instanceof Value.Str text && text.value().equals(NOT_LITERAL));
            constants.add(literal ? argument : null);
        }
        return constants;
    }

    /** Parses test JSON, turning {'$set': [...]} into sets. */
    static Value value(String json) {
        try {
            return sets(Values.fromJson(JSON.readTree(json)));
        } catch (Exception malformed) {
            throw new IllegalArgumentException("malformed test value " + json, malformed);
        }
    }

    private static Value sets(Value value) {
        if (value instanceof Value.Arr array) {
            return Values.array(array.items().stream().map(BuiltinCase::sets).toList());
        }
        if (!(value instanceof Value.Obj object)) {
            return value;
        }
        if (object.members().size() == 1 && object.members().get("$set") instanceof Value.Arr members) {
            return Values.set(members.items().stream().map(BuiltinCase::sets).toList());
        }
        Map<String, Value> members = new TreeMap<>();
        object.members().forEach((key, member) -> members.put(key, sets(member)));
        return Values.object(members);
    }

    @Override
    public String toString() {
        return name + ": " + note;
    }
}
